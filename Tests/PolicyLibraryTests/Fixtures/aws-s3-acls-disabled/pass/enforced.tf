resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# A bucket without ownership controls keeps the default, BucketOwnerEnforced.
resource "aws_s3_bucket" "defaults" {
  bucket = "acme-defaults"
}
