locals {
  algorithm = ""
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

resource "aws_s3_bucket" "empty_rule" {
  bucket = "acme-empty-rule"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "empty_rule" {
  bucket = aws_s3_bucket.empty_rule.id
  rule {
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "from_local" {
  bucket = "acme-from-local"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = local.algorithm
      }
    }
  }
}
