resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

# No configuration: every setting defaults to true.
resource "aws_s3_access_point" "analytics" {
  bucket = aws_s3_bucket.data.id
  name   = "analytics"
}

resource "aws_s3_access_point" "vpc" {
  bucket = aws_s3_bucket.data.id
  name   = "vpc-only"

  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }

  vpc_configuration {
    vpc_id = "vpc-0123456789abcdef0"
  }
}

resource "aws_s3_access_point" "partial" {
  bucket = aws_s3_bucket.data.id
  name   = "partial"

  public_access_block_configuration {
    block_public_policy = true
  }
}
