variable "open_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8", "0.0.0.0/0"]
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    description = "anything from the listed ranges"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = var.open_cidrs
  }
}

resource "aws_security_group_rule" "all_tcp_v6" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "all"
  cidr_ipv4         = "0.0.0.0/0"
}
