variable "node_encryption" {
  type    = bool
  default = false
}

resource "aws_opensearch_domain" "no_block" {
  domain_name    = "no-block"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "disabled" {
  domain_name           = "disabled"
  elasticsearch_version = "7.10"

  node_to_node_encryption {
    enabled = false
  }
}

resource "aws_opensearch_domain" "from_variable" {
  domain_name    = "from-variable"
  engine_version = "OpenSearch_2.13"

  node_to_node_encryption {
    enabled = var.node_encryption
  }
}
