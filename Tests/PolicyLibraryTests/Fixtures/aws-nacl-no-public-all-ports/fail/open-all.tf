locals {
  internet = "0.0.0.0/0"
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = local.internet
  }
}

resource "aws_network_acl_rule" "udp_everything" {
  network_acl_id  = aws_network_acl.public.id
  rule_number     = 110
  rule_action     = "allow"
  protocol        = "udp"
  from_port       = 0
  to_port         = 65535
  ipv6_cidr_block = "::/0"
}

resource "aws_default_network_acl" "default" {
  default_network_acl_id = "acl-0123456789abcdef0"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "all"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}
