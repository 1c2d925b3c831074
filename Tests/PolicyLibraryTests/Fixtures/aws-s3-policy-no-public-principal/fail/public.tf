variable "readers" {
  type    = list(string)
  default = ["*"]
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

data "aws_iam_policy_document" "public_read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = var.readers
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.public_read.json
}

resource "aws_s3_bucket_policy" "tls_only_is_not_a_restriction" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["s3:PutObject", "s3:DeleteObject"]
      Resource  = "arn:aws:s3:::acme-site/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::acme-legacy/*"}]
    }
  EOT
}
