resource "aws_security_group" "search" {
  name   = "search"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_group_ids = [aws_security_group.search.id]
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"

  vpc_options {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
}
