variable "encrypt" {
  type    = bool
  default = false
}

locals {
  encryption = {
    enabled = false
  }
}

resource "aws_opensearch_domain" "no_block" {
  domain_name    = "no-block"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "disabled" {
  domain_name    = "disabled"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = false
  }
}

resource "aws_elasticsearch_domain" "from_variable" {
  domain_name           = "from-variable"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled = var.encrypt
  }
}

resource "aws_opensearch_domain" "from_local" {
  domain_name    = "from-local"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = local.encryption.enabled
  }
}
