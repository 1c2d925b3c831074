variable "hop_limit" {
  type    = number
  default = 3
}

locals {
  metadata = {
    hops = 2
  }
}

resource "aws_launch_template" "containers" {
  name_prefix = "containers-"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_configuration" "from_variable" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = var.hop_limit
  }
}

resource "aws_launch_template" "from_local" {
  name_prefix = "from-local-"

  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = local.metadata.hops
  }
}
