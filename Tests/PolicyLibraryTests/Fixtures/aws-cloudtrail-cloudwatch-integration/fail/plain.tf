variable "log_group_arn" {
  type    = string
  default = null
}

resource "aws_cloudtrail" "unset" {
  name           = "main"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "from_variable" {
  name                       = "data-events"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-logs"
}

resource "aws_cloudtrail" "no_role" {
  name                       = "org"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
}
