variable "adopt_default_vpc" {
  type    = bool
  default = true
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_default_vpc" "default" {
  tags = {
    Name = "Default VPC"
  }
}

resource "aws_default_vpc" "west" {
  provider = aws.west
  count    = var.adopt_default_vpc ? 1 : 0
}
