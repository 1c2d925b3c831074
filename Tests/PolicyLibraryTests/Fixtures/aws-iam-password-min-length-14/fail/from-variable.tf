variable "min_length" {
  type    = number
  default = 12
}

resource "aws_iam_account_password_policy" "configurable" {
  minimum_password_length = var.min_length
}
