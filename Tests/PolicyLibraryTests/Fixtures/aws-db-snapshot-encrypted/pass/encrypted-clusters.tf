resource "aws_kms_key" "data" {
  description         = "database clusters"
  enable_key_rotation = true
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "ledger"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.data.arn
}

resource "aws_db_cluster_snapshot" "ledger" {
  db_cluster_identifier          = aws_rds_cluster.ledger.id
  db_cluster_snapshot_identifier = "ledger-before-migration"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.data.arn
}

resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_identifier          = aws_neptune_cluster.graph.id
  db_cluster_snapshot_identifier = "graph-weekly"
}
