variable "log_requests" {
  type    = bool
  default = false
}

resource "aws_lb" "no_block" {
  name    = "no-block"
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_alb" "default_off" {
  name    = "default-off"
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]

  access_logs {
    bucket = "acme-lb-logs"
  }
}

resource "aws_lb" "network" {
  name               = "network"
  load_balancer_type = "network"
  subnets            = ["subnet-0123456789abcdef0"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.log_requests
  }
}

resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false
  }
}
