variable "insights" {
  type    = bool
  default = false
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_rds_cluster_instance" "ledger" {
  identifier                   = "ledger-1"
  cluster_identifier           = "ledger"
  engine                       = "aurora-postgresql"
  instance_class               = "db.r6g.large"
  performance_insights_enabled = var.insights
}

resource "aws_db_instance" "reports" {
  identifier                   = "reports"
  engine                       = "mysql"
  instance_class               = "db.t3.medium"
  allocated_storage            = 20
  performance_insights_enabled = false
}
