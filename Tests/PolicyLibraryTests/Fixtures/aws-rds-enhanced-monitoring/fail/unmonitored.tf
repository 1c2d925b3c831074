variable "monitoring_interval" {
  type    = number
  default = 0
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster_instance" "ledger" {
  count               = 2
  identifier          = "ledger-${count.index}"
  cluster_identifier  = "ledger"
  engine              = "aurora-postgresql"
  instance_class      = "db.r6g.large"
  monitoring_interval = var.monitoring_interval
}

resource "aws_db_instance" "reports" {
  identifier          = "reports"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  monitoring_interval = 0
}
