variable "vpc_cidr" {
  type    = string
  default = "10.1.0.0/16"
}

resource "aws_vpc" "unmanaged" {
  cidr_block = var.vpc_cidr
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.unmanaged.id
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "default_vpc" {
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
