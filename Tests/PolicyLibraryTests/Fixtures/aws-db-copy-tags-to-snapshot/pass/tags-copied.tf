resource "aws_db_instance" "orders" {
  identifier            = "orders"
  engine                = "postgres"
  instance_class        = "db.t3.micro"
  allocated_storage     = 20
  copy_tags_to_snapshot = true
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier    = "ledger"
  engine                = "aurora-postgresql"
  copy_tags_to_snapshot = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier    = "graph"
  copy_tags_to_snapshot = true
}
