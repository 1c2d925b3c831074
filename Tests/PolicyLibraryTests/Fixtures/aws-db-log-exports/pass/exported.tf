resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier              = "ledger"
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier              = "graph"
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier              = "docs"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}
