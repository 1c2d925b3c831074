locals {
  short_retention = 30
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/acme/app"
}

resource "aws_cloudwatch_log_group" "debug" {
  name              = "/acme/debug"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "workers" {
  for_each          = toset(["email", "billing"])
  name              = "/acme/workers/${each.key}"
  retention_in_days = local.short_retention
}
