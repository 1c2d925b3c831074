resource "aws_db_parameter_group" "postgres" {
  name   = "orders-pg14"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "orders" {
  identifier           = "orders"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.postgres.name
}

# MySQL with a group named by its literal name.
resource "aws_db_parameter_group" "mysql" {
  name   = "billing-mysql8"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_instance" "billing" {
  identifier           = "billing"
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = "billing-mysql8"
}

# PostgreSQL 15 and later require TLS by default.
resource "aws_db_instance" "reports" {
  identifier        = "reports"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# No version: the newest PostgreSQL, which requires TLS.
resource "aws_db_instance" "latest" {
  identifier        = "latest"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "catalog" {
  identifier        = "catalog"
  engine            = "mariadb"
  engine_version    = "11.8.2"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# Oracle sets TLS up through an option group, not a parameter.
resource "aws_db_instance" "erp" {
  identifier        = "erp"
  engine            = "oracle-se2"
  instance_class    = "db.m5.large"
  allocated_storage = 100
  license_model     = "license-included"
}

# A group managed by another configuration is not seen.
resource "aws_db_instance" "shared" {
  identifier           = "shared"
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = "platform-mysql8-tls"
}

# A group whose name is generated, known only after apply.
resource "aws_db_parameter_group" "sqlserver" {
  name_prefix = "crm-"
  family      = "sqlserver-se-16.0"

  parameter {
    name         = "rds.force_ssl"
    value        = 1
    apply_method = "pending-reboot"
  }
}

resource "aws_db_instance" "crm" {
  identifier           = "crm"
  engine               = "sqlserver-se"
  instance_class       = "db.m5.large"
  allocated_storage    = 100
  license_model        = "license-included"
  parameter_group_name = aws_db_parameter_group.sqlserver.name
}
