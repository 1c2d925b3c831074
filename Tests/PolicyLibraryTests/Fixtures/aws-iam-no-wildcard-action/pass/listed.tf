data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "Deploy"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices", "s3:Get*"]
    resources = ["*"]
  }

  statement {
    sid       = "NoDeletes"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["arn:aws:s3:::acme-audit/*"]
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_iam_role_policy" "s3_owner" {
  name = "s3-owner"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "arn:aws:s3:::acme-data" }]
  })
}
