variable "key_owner" {
  type    = string
  default = "root"
}

resource "aws_iam_access_key" "root" {
  user = "root"
}

resource "aws_iam_access_key" "configured" {
  user = var.key_owner
}

resource "aws_iam_access_key" "capitalised" {
  user = "Root"
}
