resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 14
}

# Left out: the API keeps one day.
resource "aws_db_instance" "cache" {
  identifier        = "cache"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# A replica without backups of its own.
resource "aws_db_instance" "replica" {
  identifier              = "orders-replica"
  instance_class          = "db.t3.micro"
  replicate_source_db     = aws_db_instance.orders.identifier
  backup_retention_period = 0
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier      = "ledger"
  backup_retention_period = 7
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}
