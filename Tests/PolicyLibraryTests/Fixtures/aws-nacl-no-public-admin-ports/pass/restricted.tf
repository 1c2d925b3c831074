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
    cidr_block = "203.0.113.0/24"
  }

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    from_port  = 3389
    to_port    = 3389
    cidr_block = "0.0.0.0/0"
  }

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_network_acl_rule" "ephemeral_low" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 200
  rule_action    = "allow"
  protocol       = "tcp"
  from_port      = 1024
  to_port        = 3388
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "ephemeral_high" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 201
  rule_action    = "allow"
  protocol       = "tcp"
  from_port      = 3390
  to_port        = 65535
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "outbound_all" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = true
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "dns" {
  network_acl_id  = aws_network_acl.public.id
  rule_number     = 210
  rule_action     = "allow"
  protocol        = "udp"
  from_port       = 0
  to_port         = 65535
  ipv6_cidr_block = "::/0"
}
