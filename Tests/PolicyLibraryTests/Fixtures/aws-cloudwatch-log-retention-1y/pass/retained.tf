variable "retention" {
  type    = number
  default = 731
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/acme/audit"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/acme/api"
  retention_in_days = var.retention
}
