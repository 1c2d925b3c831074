variable "cluster_key" {
  type    = string
  default = null
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "ledger"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

# A key left to a variable whose default is null is no key at all.
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = var.cluster_key
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  storage_encrypted  = true
}

# The AWS managed key, looked up by its alias.
data "aws_kms_alias" "rds" {
  name = "alias/aws/rds"
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
  storage_encrypted  = true
  kms_key_id         = data.aws_kms_alias.rds.target_key_arn
}
