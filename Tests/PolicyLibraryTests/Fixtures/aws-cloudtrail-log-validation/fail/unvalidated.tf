locals {
  validate = false
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-trail"
}

resource "aws_cloudtrail" "data" {
  name                       = "data"
  s3_bucket_name             = "acme-trail"
  enable_log_file_validation = local.validate
}
