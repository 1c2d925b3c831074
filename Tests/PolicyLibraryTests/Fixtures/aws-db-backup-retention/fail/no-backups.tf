variable "backup_days" {
  type    = number
  default = 0
}

resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 0
}

resource "aws_db_instance" "scratch" {
  count                   = 2
  identifier              = "scratch-${count.index}"
  engine                  = "mysql"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = var.backup_days
}
