resource "aws_iam_policy" "bucket_admin" {
  name = "bucket-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketPolicy", "s3:PutBucketAcl"]
      Resource = "arn:aws:s3:::acme-data"
    }]
  })
}

resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket", "sqs:ReceiveMessage"], Resource = "*" },
      { Effect = "Allow", Action = "iam:Get*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" },
    ]
  })
}

data "aws_iam_policy_document" "delegated" {
  statement {
    actions   = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
    resources = ["arn:aws:iam::111122223333:role/app/*"]
  }
  statement {
    not_actions = ["iam:*", "s3:*", "kms:*", "sqs:*", "sns:*", "lambda:*", "ecr:*", "secretsmanager:*",
      "glacier:*", "logs:*", "events:*", "backup:*", "ec2:*", "rds:*", "ssm:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "delegated" {
  name   = "delegated"
  policy = data.aws_iam_policy_document.delegated.json
}

# A resource policy: its statements name a principal and are not checked here.
data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
