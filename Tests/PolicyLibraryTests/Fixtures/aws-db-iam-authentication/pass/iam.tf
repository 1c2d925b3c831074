resource "aws_db_instance" "orders" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  iam_database_authentication_enabled = true
}

# SQL Server cannot use IAM authentication: not checked.
resource "aws_db_instance" "legacy" {
  identifier        = "legacy"
  engine            = "sqlserver-se"
  instance_class    = "db.m5.large"
  allocated_storage = 100
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier                  = "ledger"
  iam_database_authentication_enabled = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
}
