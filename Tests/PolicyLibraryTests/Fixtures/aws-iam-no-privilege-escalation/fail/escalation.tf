variable "extra_actions" {
  type    = list(string)
  default = ["iam:PassRole"]
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "Deploy"
    actions   = concat(["ecs:UpdateService"], var.extra_actions)
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "policy_writer" {
  name = "policy-writer"
  role = "automation"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:Put*Policy", "iam:CreatePolicyVersion"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_group_policy" "iam_admins" {
  name   = "iam-admins"
  group  = "iam-admins"
  policy = <<-EOT
    {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}}
  EOT
}

# lambda:* includes UpdateFunctionCode: new code runs under the function's own, stronger role.
resource "aws_iam_user_policy" "developer" {
  name = "developer"
  user = "dev"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:*", "s3:*"], Resource = "*" }]
  })
}
