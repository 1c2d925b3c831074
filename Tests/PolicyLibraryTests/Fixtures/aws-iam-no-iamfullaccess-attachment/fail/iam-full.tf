variable "policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_role_policy_attachment" "provisioner" {
  role       = "provisioner"
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_group_policy_attachment" "helpdesk" {
  group      = "helpdesk"
  policy_arn = var.policy_arn
}

resource "aws_iam_user_policy_attachment" "bob" {
  user       = "bob"
  policy_arn = "arn:aws-cn:iam::aws:policy/IAMFullAccess"
}

data "aws_iam_policy" "iam_full" {
  arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_policy_attachment" "legacy" {
  name       = "legacy"
  users      = ["carol"]
  policy_arn = data.aws_iam_policy.iam_full.arn
}

resource "aws_iam_role" "bootstrap" {
  name = "bootstrap"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/IAMFullAccess"]
}

resource "aws_ssoadmin_managed_policy_attachment" "identity_admins" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
