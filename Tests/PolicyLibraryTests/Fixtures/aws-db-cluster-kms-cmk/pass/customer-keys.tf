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

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.data.arn
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# A customer managed key found by its own alias.
data "aws_kms_alias" "reports" {
  name = "alias/reports"
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
  storage_encrypted  = true
  kms_key_id         = data.aws_kms_alias.reports.target_key_arn
}
