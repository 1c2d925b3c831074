variable "public" {
  type    = bool
  default = true
}

resource "aws_instance" "bastion" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_instance" "app" {
  count                       = 2
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = var.public
}

resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  network_interfaces {
    device_index                = 0
    associate_public_ip_address = false
  }

  network_interfaces {
    device_index                = 1
    associate_public_ip_address = true
  }
}

resource "aws_launch_configuration" "legacy" {
  name_prefix                 = "legacy-"
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = "true"
}
