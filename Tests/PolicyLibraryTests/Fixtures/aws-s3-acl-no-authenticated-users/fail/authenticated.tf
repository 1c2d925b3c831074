variable "bucket_acl" {
  type    = string
  default = "authenticated-read"
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  acl    = "authenticated-read"
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

resource "aws_s3_bucket_acl" "exports" {
  bucket = aws_s3_bucket.exports.id
  acl    = var.bucket_acl
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.exports.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "WRITE"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

locals {
  everyone_signed_in = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  grant {
    type        = "Group"
    uri         = local.everyone_signed_in
    permissions = ["READ", "READ_ACP"]
  }
}
