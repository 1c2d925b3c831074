variable "tls_policy" {
  type    = string
  default = "Policy-Min-TLS-1-0-2019-07"
}

resource "aws_opensearch_domain" "no_block" {
  domain_name    = "no-block"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "http" {
  domain_name    = "http"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = false
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_elasticsearch_domain" "no_policy" {
  domain_name           = "no-policy"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_opensearch_domain" "from_variable" {
  domain_name    = "from-variable"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy
  }
}
