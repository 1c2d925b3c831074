locals {
  actions = ["*"]
}

data "aws_iam_policy_document" "bucket_admin" {
  statement {
    sid       = "BucketAdmin"
    actions   = local.actions
    resources = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]
  }
}

resource "aws_iam_user_policy" "ci" {
  name   = "ci"
  user   = "ci"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "Describe", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/ci"}
      ]
    }
  EOT
}
