variable "scan_images" {
  type    = bool
  default = false
}

resource "aws_ecr_repository" "unset" {
  name = "api"
}

resource "aws_ecr_repository" "off" {
  name = "web"

  image_scanning_configuration {
    scan_on_push = false
  }
}

resource "aws_ecr_repository" "from_variable" {
  name = "worker"

  image_scanning_configuration {
    scan_on_push = var.scan_images
  }
}

# The registry rule covers other repositories only.
resource "aws_ecr_repository" "other" {
  name = "ops.tools"
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "ops-*"
      filter_type = "WILDCARD"
    }
  }
}
