variable "public_ips" {
  type    = bool
  default = true
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "edge" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "app" {
  for_each                = toset(["a", "b"])
  vpc_id                  = aws_vpc.main.id
  availability_zone       = "eu-west-1${each.key}"
  cidr_block              = each.key == "a" ? "10.0.1.0/24" : "10.0.2.0/24"
  map_public_ip_on_launch = var.public_ips
}
