locals {
  encrypt = false
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "ledger"
  engine             = "aurora-postgresql"
}

resource "aws_db_cluster_snapshot" "ledger" {
  db_cluster_identifier          = aws_rds_cluster.ledger.id
  db_cluster_snapshot_identifier = "ledger-before-migration"
}

# Encrypted, but with the AWS managed key.
resource "aws_rds_cluster" "reports" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
  storage_encrypted  = true
}

resource "aws_db_cluster_snapshot" "reports" {
  db_cluster_identifier          = aws_rds_cluster.reports.cluster_identifier
  db_cluster_snapshot_identifier = "reports-final"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = local.encrypt
}

resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_identifier          = aws_neptune_cluster.graph.id
  db_cluster_snapshot_identifier = "graph-weekly"
}
