locals {
  log_key = null
}

resource "aws_cloudwatch_log_group" "unset" {
  name              = "/app/api"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "per_service" {
  for_each   = toset(["billing", "search"])
  name       = "/app/${each.key}"
  kms_key_id = local.log_key
}
