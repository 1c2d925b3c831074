variable "iam_auth" {
  type    = bool
  default = false
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "mariadb"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier                  = "ledger"
  engine                              = "aurora-mysql"
  iam_database_authentication_enabled = var.iam_auth
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  iam_database_authentication_enabled = false
}
