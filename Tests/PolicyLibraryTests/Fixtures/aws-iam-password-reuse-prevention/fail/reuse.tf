locals {
  remembered = 5
}

resource "aws_iam_account_password_policy" "defaults" {
  minimum_password_length = 14
}

resource "aws_iam_account_password_policy" "few" {
  minimum_password_length   = 14
  password_reuse_prevention = local.remembered
}
