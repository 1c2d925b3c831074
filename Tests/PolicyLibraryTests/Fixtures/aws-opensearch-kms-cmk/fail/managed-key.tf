variable "search_key" {
  type    = string
  default = "alias/aws/es"
}

resource "aws_opensearch_domain" "default_key" {
  domain_name    = "default-key"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "alias_arn" {
  domain_name           = "alias-arn"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = "arn:aws:kms:us-east-1:111122223333:alias/aws/es"
  }
}

resource "aws_opensearch_domain" "from_variable" {
  domain_name    = "from-variable"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.search_key
  }
}
