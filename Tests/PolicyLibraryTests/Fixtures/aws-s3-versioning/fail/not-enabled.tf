variable "versioning_status" {
  type    = string
  default = "Suspended"
}

resource "aws_s3_bucket" "none" {
  bucket = "acme-none"
}

resource "aws_s3_bucket" "suspended" {
  bucket = "acme-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = var.versioning_status
  }
}

resource "aws_s3_bucket" "legacy_off" {
  bucket = "acme-legacy-off"
  versioning {
    enabled = false
  }
}
