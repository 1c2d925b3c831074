locals {
  rotate = false
}

resource "aws_kms_key" "data" {
  description = "application data"
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = false
}

resource "aws_kms_key" "backups" {
  description         = "backups"
  enable_key_rotation = local.rotate
}
