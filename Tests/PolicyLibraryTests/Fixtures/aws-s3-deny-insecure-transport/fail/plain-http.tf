resource "aws_s3_bucket" "no_policy" {
  bucket = "acme-no-policy"
}

resource "aws_s3_bucket" "reads" {
  bucket = "acme-reads"
}

resource "aws_s3_bucket_policy" "reads" {
  bucket = aws_s3_bucket.reads.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-reads/*"
    }]
  })
}

variable "secure_transport" {
  type    = string
  default = "true"
}

resource "aws_s3_bucket" "inverted" {
  bucket = "acme-inverted"
}

resource "aws_s3_bucket_policy" "inverted" {
  bucket = aws_s3_bucket.inverted.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-inverted/*"
      Condition = { Bool = { "aws:SecureTransport" = var.secure_transport } }
    }]
  })
}
