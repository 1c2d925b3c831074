variable "log_types" {
  type    = list(string)
  default = []
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier              = "ledger"
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = var.log_types
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier              = "graph"
  enabled_cloudwatch_logs_exports = []
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}
