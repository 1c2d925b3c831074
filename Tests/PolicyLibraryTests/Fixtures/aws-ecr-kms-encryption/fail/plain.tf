variable "encryption" {
  type    = string
  default = "AES256"
}

resource "aws_ecr_repository" "unset" {
  name = "api"
}

resource "aws_ecr_repository" "aes" {
  name = "web"

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_repository" "from_variable" {
  name = "worker"

  encryption_configuration {
    encryption_type = var.encryption
  }
}
