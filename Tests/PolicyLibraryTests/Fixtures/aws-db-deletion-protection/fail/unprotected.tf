locals {
  env = "dev"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier  = "ledger"
  engine              = "aurora-postgresql"
  deletion_protection = local.env == "prod"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = false
}
