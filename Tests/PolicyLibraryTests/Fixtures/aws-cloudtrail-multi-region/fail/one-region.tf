variable "all_regions" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-trail"
}

resource "aws_cloudtrail" "data" {
  name                  = "data"
  s3_bucket_name        = "acme-trail"
  is_multi_region_trail = var.all_regions
}
