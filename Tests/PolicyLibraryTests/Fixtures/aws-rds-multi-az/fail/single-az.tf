variable "environment" {
  type    = string
  default = "staging"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  multi_az          = var.environment == "production"
}

resource "aws_db_instance" "crm" {
  identifier        = "crm"
  engine            = "sqlserver-se"
  instance_class    = "db.m5.large"
  allocated_storage = 100
  license_model     = "license-included"
  multi_az          = false
}
