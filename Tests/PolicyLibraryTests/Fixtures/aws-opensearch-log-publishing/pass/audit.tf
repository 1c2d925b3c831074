resource "aws_cloudwatch_log_group" "search" {
  name              = "/aws/opensearch/logs"
  retention_in_days = 365
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

locals {
  log_types = ["AUDIT_LOGS", "ES_APPLICATION_LOGS", "SEARCH_SLOW_LOGS"]
}

resource "aws_elasticsearch_domain" "dynamic" {
  domain_name           = "dynamic"
  elasticsearch_version = "7.10"

  dynamic "log_publishing_options" {
    for_each = local.log_types
    content {
      log_type                 = log_publishing_options.value
      cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
      enabled                  = true
    }
  }
}
