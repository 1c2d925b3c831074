variable "admin_actions" {
  type    = list(string)
  default = ["*"]
}

data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Everything"
    actions   = var.admin_actions
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_group_policy" "ops" {
  name  = "ops"
  group = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Ops"
      Effect   = "Allow"
      Action   = ["ec2:Describe*", "*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "legacy" {
  name   = "legacy"
  role   = "legacy"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Action": "*:*", "Resource": "*"}
    }
  EOT
}

resource "aws_ssoadmin_permission_set_inline_policy" "admins" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
