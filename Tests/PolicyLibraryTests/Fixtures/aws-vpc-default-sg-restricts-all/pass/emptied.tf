resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}

variable "ipam_pool" {
  type = string
}

resource "aws_vpc" "ipam" {
  ipv4_ipam_pool_id   = var.ipam_pool
  ipv4_netmask_length = 20
}

resource "aws_default_security_group" "ipam" {
  vpc_id  = aws_vpc.ipam.id
  ingress = []
  egress  = []
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
