variable "tag_mutability" {
  type    = string
  default = "MUTABLE"
}

resource "aws_ecr_repository" "unset" {
  name = "api"
}

resource "aws_ecr_repository" "mutable" {
  name                 = "web"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "from_variable" {
  name                 = "worker"
  image_tag_mutability = var.tag_mutability
}
