variable "force_ssl" {
  type    = string
  default = "0"
}

resource "aws_db_parameter_group" "postgres" {
  name   = "orders-pg15"
  family = "postgres15"

  parameter {
    name  = "rds.force_ssl"
    value = var.force_ssl
  }
}

# Turns the PostgreSQL 15 default off through a variable.
resource "aws_db_instance" "orders" {
  identifier           = "orders"
  engine               = "postgres"
  engine_version       = "15.7"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.postgres.name
}

resource "aws_db_instance" "legacy" {
  identifier        = "legacy"
  engine            = "postgres"
  engine_version    = "13.15"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "billing" {
  identifier           = "billing"
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = "default.mysql8.0"
}

# A custom group that leaves the parameter at its default.
resource "aws_db_parameter_group" "mariadb" {
  name   = "catalog-mariadb"
  family = "mariadb10.11"

  parameter {
    name  = "max_connections"
    value = "500"
  }
}

resource "aws_db_instance" "catalog" {
  identifier           = "catalog"
  engine               = "mariadb"
  engine_version       = "10.11.8"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.mariadb.name
}

resource "aws_db_instance" "crm" {
  identifier        = "crm"
  engine            = "sqlserver-se"
  instance_class    = "db.m5.large"
  allocated_storage = 100
  license_model     = "license-included"
}
