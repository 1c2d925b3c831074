variable "share_actions" {
  type    = list(string)
  default = ["ec2:ModifySnapshotAttribute", "rds:ModifyDBSnapshotAttribute"]
}

resource "aws_iam_policy" "s3_acl" {
  name = "s3-acl"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ManageAccess"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:Put*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "sharing" {
  name = "sharing"
  role = "backup"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.share_actions
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "everything_but_iam" {
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_user_policy" "ops" {
  name   = "ops"
  user   = "ops"
  policy = data.aws_iam_policy_document.everything_but_iam.json
}

resource "aws_iam_group_policy" "admins" {
  name   = "admins"
  group  = "admins"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": ["iam:AttachUserPolicy", "kms:PutKeyPolicy"], "Resource": "*"}]
    }
  EOT
}
