resource "aws_kms_key" "db" {
  description         = "database key"
  enable_key_rotation = true
}

resource "aws_db_instance" "primary" {
  identifier        = "orders"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

# A same-region replica follows its encrypted source.
resource "aws_db_instance" "replica" {
  identifier          = "orders-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.primary.identifier
}

# A cross-region replica names the key in its own region.
resource "aws_db_instance" "remote_replica" {
  identifier          = "orders-dr"
  instance_class      = "db.t3.micro"
  replicate_source_db = "arn:aws:rds:us-east-1:123456789012:db:orders"
  kms_key_id          = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_rds_cluster" "serverless" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "ledger"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  storage_encrypted  = true
}
