resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]

  access_logs {
    bucket  = "acme-lb-logs"
    prefix  = "web"
    enabled = true
  }
}

resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 443
    lb_protocol       = "https"
    ssl_certificate_id = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
  }

  access_logs {
    bucket   = "acme-lb-logs"
    interval = 5
  }
}

resource "aws_lb" "gateway" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0123456789abcdef0"]
}
