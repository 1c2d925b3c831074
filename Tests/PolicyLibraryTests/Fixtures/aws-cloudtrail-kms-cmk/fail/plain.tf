variable "trail_key" {
  type    = string
  default = null
}

resource "aws_cloudtrail" "unset" {
  name           = "main"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "from_variable" {
  name           = "data-events"
  s3_bucket_name = "audit-logs"
  kms_key_id     = var.trail_key
}
