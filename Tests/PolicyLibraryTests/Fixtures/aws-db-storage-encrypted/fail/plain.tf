variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_db_instance" "primary" {
  identifier        = "orders"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# A replica of an unencrypted source is unencrypted too.
resource "aws_db_instance" "replica" {
  identifier          = "orders-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.primary.identifier
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "ledger"
  engine             = "aurora-postgresql"
  storage_encrypted  = var.encrypt
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = false
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}
