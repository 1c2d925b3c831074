resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  multi_az          = true
}

# SQL Server Express has no Multi-AZ option.
resource "aws_db_instance" "lab" {
  identifier        = "lab"
  engine            = "sqlserver-ex"
  instance_class    = "db.t3.small"
  allocated_storage = 20
  license_model     = "license-included"
}
