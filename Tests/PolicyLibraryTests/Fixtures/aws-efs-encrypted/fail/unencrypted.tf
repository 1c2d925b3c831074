variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_efs_file_system" "unset" {
  creation_token = "unset"
}

resource "aws_efs_file_system" "disabled" {
  creation_token = "disabled"
  encrypted      = false
}

resource "aws_efs_file_system" "from_variable" {
  creation_token = "from-variable"
  encrypted      = var.encrypted
}
