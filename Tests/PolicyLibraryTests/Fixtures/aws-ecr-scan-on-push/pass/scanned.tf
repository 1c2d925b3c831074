resource "aws_ecr_repository" "api" {
  name = "api"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# Covered by the registry-wide rule below.
resource "aws_ecr_repository" "team" {
  name = "team-a/web"
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "team-*"
      filter_type = "WILDCARD"
    }
  }
}
