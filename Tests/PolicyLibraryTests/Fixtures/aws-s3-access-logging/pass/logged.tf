resource "aws_s3_bucket" "logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  logging {
    target_bucket = aws_s3_bucket.legacy_logs.id
    target_prefix = "legacy/"
  }
}

resource "aws_s3_bucket" "legacy_logs" {
  bucket = "acme-legacy-logs"
}
