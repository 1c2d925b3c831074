resource "aws_kms_key" "files" {
  description         = "EFS key"
  enable_key_rotation = true
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = aws_kms_key.files.arn
}

resource "aws_efs_file_system" "managed_key" {
  creation_token = "managed-key"
  encrypted      = true
}
