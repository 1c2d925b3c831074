resource "aws_kms_key" "search" {
  description         = "OpenSearch encryption key"
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.arn
  }
}

resource "aws_elasticsearch_domain" "by_id" {
  domain_name           = "by-id"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

# Not encrypted at all: reported by aws-opensearch-encryption-at-rest, not here.
resource "aws_opensearch_domain" "plain" {
  domain_name    = "plain"
  engine_version = "OpenSearch_2.13"
}
