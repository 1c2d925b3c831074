variable "protect" {
  type    = bool
  default = true
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  deletion_protection = true
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier  = "ledger"
  engine              = "aurora-postgresql"
  deletion_protection = var.protect
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = true
}
