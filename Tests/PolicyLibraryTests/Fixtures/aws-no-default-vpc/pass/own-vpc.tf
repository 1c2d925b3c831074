variable "adopt_default_vpc" {
  type    = bool
  default = false
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

# Not created: the count is zero.
resource "aws_default_vpc" "default" {
  count = var.adopt_default_vpc ? 1 : 0
}
