variable "vpc_count" {
  type    = number
  default = 2
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "spokes" {
  count      = var.vpc_count
  cidr_block = "10.${count.index + 10}.0.0/16"
}

# Logs a subnet of the VPC, not the VPC itself.
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_flow_log" "subnet" {
  subnet_id       = aws_subnet.public.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::acme-flow-logs"
}
