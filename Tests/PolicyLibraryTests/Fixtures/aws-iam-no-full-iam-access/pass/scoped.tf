resource "aws_iam_policy" "pass_role" {
  name = "pass-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:GetRole", "iam:PassRole"]
      Resource = "arn:aws:iam::111122223333:role/app"
    }]
  })
}

resource "aws_iam_role_policy" "not_iam" {
  name = "not-iam"
  role = "analyst"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*", "account:*"]
      Resource  = "*"
      }, {
      Effect   = "Deny"
      Action   = "iam:*"
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "read_iam" {
  statement {
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "read_iam" {
  name   = "read-iam"
  policy = data.aws_iam_policy_document.read_iam.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
