resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

# No metadata service at all.
resource "aws_launch_configuration" "batch" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "disabled"
  }
}
