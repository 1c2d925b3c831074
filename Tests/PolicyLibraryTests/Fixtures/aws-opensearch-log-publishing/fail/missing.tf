variable "audit_enabled" {
  type    = bool
  default = false
}

resource "aws_cloudwatch_log_group" "search" {
  name              = "/aws/opensearch/logs"
  retention_in_days = 365
}

resource "aws_opensearch_domain" "no_logs" {
  domain_name    = "no-logs"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "slow_only" {
  domain_name    = "slow-only"
  engine_version = "OpenSearch_2.13"

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

resource "aws_elasticsearch_domain" "audit_from_variable" {
  domain_name           = "audit-from-variable"
  elasticsearch_version = "7.10"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
    enabled                  = var.audit_enabled
  }
}
