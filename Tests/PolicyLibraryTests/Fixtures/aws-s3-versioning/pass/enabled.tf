resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Older providers: the versioning block inside the bucket.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  versioning {
    enabled = true
  }
}

# One versioning resource for every bucket made with for_each.
resource "aws_s3_bucket" "per_team" {
  for_each = toset(["red", "blue"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_versioning" "per_team" {
  for_each = aws_s3_bucket.per_team
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}
