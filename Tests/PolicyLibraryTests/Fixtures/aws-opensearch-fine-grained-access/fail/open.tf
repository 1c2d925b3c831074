locals {
  fine_grained = false
}

resource "aws_opensearch_domain" "no_block" {
  domain_name    = "no-block"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "disabled" {
  domain_name           = "disabled"
  elasticsearch_version = "7.10"

  advanced_security_options {
    enabled = false
  }
}

resource "aws_opensearch_domain" "from_local" {
  domain_name    = "from-local"
  engine_version = "OpenSearch_2.13"

  advanced_security_options {
    enabled                        = local.fine_grained
    internal_user_database_enabled = true
  }
}
