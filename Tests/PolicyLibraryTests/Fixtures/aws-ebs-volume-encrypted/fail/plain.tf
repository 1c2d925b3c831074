locals {
  volumes = {
    logs  = 50
    cache = 20
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "extra" {
  for_each          = local.volumes
  availability_zone = "eu-west-1a"
  size              = each.value
  encrypted         = each.key == "logs"
}

# Encryption by default exists but is switched off.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
