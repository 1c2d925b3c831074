variable "expose_broker" {
  type    = bool
  default = true
}

resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = true

  user {
    username = "app"
    password = "placeholder-not-a-secret"
  }
}

resource "aws_mq_broker" "orders" {
  broker_name         = "orders"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = var.expose_broker

  user {
    username = "app"
    password = "placeholder-not-a-secret"
  }
}
