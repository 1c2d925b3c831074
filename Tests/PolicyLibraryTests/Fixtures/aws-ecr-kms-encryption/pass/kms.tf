resource "aws_kms_key" "images" {
  description         = "container images"
  enable_key_rotation = true
}

resource "aws_ecr_repository" "api" {
  name = "api"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.images.arn
  }
}

resource "aws_ecr_repository" "web" {
  name = "web"

  encryption_configuration {
    encryption_type = "KMS_DSSE"
  }
}
