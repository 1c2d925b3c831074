resource "aws_kms_key" "warehouse" {
  description         = "Redshift"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "default_key" {
  cluster_identifier  = "analytics"
  node_type           = "ra3.xlplus"
  encrypted           = true
  publicly_accessible = false
}

resource "aws_redshift_cluster" "own_key" {
  cluster_identifier = "finance"
  node_type          = "ra3.xlplus"
  encrypted          = true
  kms_key_id         = aws_kms_key.warehouse.arn
}
