locals {
  exposed = true
}

resource "aws_redshift_cluster" "unset" {
  cluster_identifier = "analytics"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "public" {
  cluster_identifier  = "finance"
  node_type           = "ra3.xlplus"
  publicly_accessible = true
}

resource "aws_redshift_cluster" "from_local" {
  cluster_identifier  = "marketing"
  node_type           = "ra3.xlplus"
  publicly_accessible = local.exposed
}
