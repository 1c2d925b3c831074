variable "block_public" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_access_point" "public" {
  bucket = aws_s3_bucket.data.id
  name   = "public"

  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
}

resource "aws_s3_access_point" "policy_only" {
  bucket = aws_s3_bucket.data.id
  name   = "policy-only"

  public_access_block_configuration {
    block_public_policy     = var.block_public
    restrict_public_buckets = var.block_public
  }
}
