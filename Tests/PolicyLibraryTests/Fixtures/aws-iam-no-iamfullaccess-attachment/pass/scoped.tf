resource "aws_iam_role_policy_attachment" "auditor" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = "ci"
  policy_arn = "arn:aws:iam::111122223333:policy/IAMFullAccess"
}

data "aws_iam_policy" "user_change_password" {
  name = "IAMUserChangePassword"
}

resource "aws_iam_group_policy_attachment" "staff" {
  group      = "staff"
  policy_arn = data.aws_iam_policy.user_change_password.arn
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

resource "aws_ssoadmin_managed_policy_attachment" "viewers" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
}
