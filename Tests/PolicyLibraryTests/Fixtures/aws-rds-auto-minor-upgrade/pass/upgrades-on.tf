# Left out: the default, true.
resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster_instance" "ledger" {
  identifier                 = "ledger-1"
  cluster_identifier         = "ledger"
  engine                     = "aurora-postgresql"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = true
}
