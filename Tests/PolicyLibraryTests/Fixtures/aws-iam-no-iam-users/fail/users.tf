variable "people" {
  type    = set(string)
  default = ["bob", "carol"]
}

variable "service_name" {
  type = string
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user" "people" {
  for_each = var.people
  name     = each.key
}

resource "aws_iam_user" "service" {
  name = var.service_name
}
