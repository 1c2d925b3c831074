variable "algorithm" {
  type    = string
  default = "AES256"
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

resource "aws_s3_bucket" "sse_s3" {
  bucket = "acme-sse-s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_s3" {
  bucket = aws_s3_bucket.sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.algorithm
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}
