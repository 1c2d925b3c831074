variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = var.admin_cidr
  }
}

resource "aws_network_acl_rule" "rdp" {
  network_acl_id  = aws_network_acl.public.id
  rule_number     = 120
  rule_action     = "allow"
  protocol        = "6"
  from_port       = 3000
  to_port         = 4000
  ipv6_cidr_block = "::/0"
}

resource "aws_network_acl_rule" "everything" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 130
  egress         = false
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_default_network_acl" "default" {
  default_network_acl_id = "acl-0123456789abcdef0"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 0
    to_port    = 65535
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_network_acl_rule" "ephemeral" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 200
  rule_action    = "allow"
  protocol       = "tcp"
  from_port      = 1024
  to_port        = 65535
  cidr_block     = "0.0.0.0/0"
}
