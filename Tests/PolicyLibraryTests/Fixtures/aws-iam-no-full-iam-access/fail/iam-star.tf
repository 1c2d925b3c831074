variable "iam_actions" {
  type    = list(string)
  default = ["iam:*"]
}

resource "aws_iam_policy" "iam_admin" {
  name = "iam-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ManageIAM"
      Effect   = "Allow"
      Action   = "iam:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "everything_but_s3" {
  name = "everything-but-s3"
  role = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["s3:*"]
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "ops" {
  statement {
    sid       = "Read"
    actions   = ["ec2:Describe*"]
    resources = ["*"]
  }

  statement {
    sid       = "Identity"
    actions   = var.iam_actions
    resources = ["arn:aws:iam::111122223333:role/*"]
  }
}

resource "aws_iam_group_policy" "ops" {
  name   = "ops"
  group  = "ops"
  policy = data.aws_iam_policy_document.ops.json
}

resource "aws_iam_user_policy" "heredoc" {
  name   = "heredoc"
  user   = "alice"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": {"Sid": "Lower", "Effect": "Allow", "Action": ["IAM:*"], "Resource": "*"}
    }
  JSON
}
