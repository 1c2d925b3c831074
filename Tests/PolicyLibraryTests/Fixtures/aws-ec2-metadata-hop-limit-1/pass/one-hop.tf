resource "aws_launch_template" "web" {
  name_prefix = "web-"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

# Left to the EC2 default of one hop.
resource "aws_launch_template" "default" {
  name_prefix = "default-"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_template" "plain" {
  name_prefix = "plain-"
}

resource "aws_launch_configuration" "batch" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint               = "disabled"
    http_put_response_hop_limit = 3
  }
}
