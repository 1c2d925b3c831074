resource "aws_iam_role" "monitoring" {
  name = "rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
    }]
  })
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  monitoring_interval = 60
  monitoring_role_arn = aws_iam_role.monitoring.arn
}

resource "aws_rds_cluster_instance" "ledger" {
  identifier          = "ledger-1"
  cluster_identifier  = "ledger"
  engine              = "aurora-postgresql"
  instance_class      = "db.r6g.large"
  monitoring_interval = 5
  monitoring_role_arn = aws_iam_role.monitoring.arn
}
