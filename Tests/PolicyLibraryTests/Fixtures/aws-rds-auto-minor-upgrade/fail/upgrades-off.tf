locals {
  pinned = true
}

resource "aws_db_instance" "orders" {
  identifier                 = "orders"
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  auto_minor_version_upgrade = false
}

resource "aws_rds_cluster_instance" "ledger" {
  identifier                 = "ledger-1"
  cluster_identifier         = "ledger"
  engine                     = "aurora-postgresql"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = !local.pinned
}
