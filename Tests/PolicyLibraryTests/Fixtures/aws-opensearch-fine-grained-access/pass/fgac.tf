resource "aws_iam_role" "search_admin" {
  name = "search-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  advanced_security_options {
    enabled = true

    master_user_options {
      master_user_arn = aws_iam_role.search_admin.arn
    }
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}
