resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

data "aws_iam_policy_document" "read_data" {
  statement {
    sid       = "ReadData"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
  }
}

resource "aws_iam_policy" "read_data" {
  name   = "read-data"
  policy = data.aws_iam_policy_document.read_data.json
}

# Every action, but only on one bucket: not administrator.
resource "aws_iam_role_policy" "bucket_owner" {
  name = "bucket-owner"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
      }, {
      Effect   = "Allow"
      Action   = "*"
      Resource = "arn:aws:s3:::acme-data"
    }]
  })
}

# Denying everything on everything is not a grant.
resource "aws_iam_user_policy" "quarantine" {
  name   = "quarantine"
  user   = "mallory"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}
    }
  EOT
}

# A trust policy document: its statement has a principal, so it is not an identity policy.
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
