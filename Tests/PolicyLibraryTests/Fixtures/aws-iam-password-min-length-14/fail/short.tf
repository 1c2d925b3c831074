resource "aws_iam_account_password_policy" "defaults" {
  require_symbols = true
}
