variable "http_tokens" {
  type    = string
  default = "optional"
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "api" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"

  metadata_options {
    http_endpoint = "enabled"
  }
}

resource "aws_launch_configuration" "batch" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.http_tokens
  }
}
