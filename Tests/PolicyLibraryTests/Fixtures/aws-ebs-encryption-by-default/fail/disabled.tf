variable "encrypt_volumes" {
  type    = bool
  default = false
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

resource "aws_ebs_encryption_by_default" "configured" {
  enabled = var.encrypt_volumes
}
