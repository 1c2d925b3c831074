variable "encrypt_warehouse" {
  type    = bool
  default = false
}

resource "aws_redshift_cluster" "unset" {
  cluster_identifier = "analytics"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "off" {
  cluster_identifier = "finance"
  node_type          = "ra3.xlplus"
  encrypted          = false
}

resource "aws_redshift_cluster" "from_variable" {
  cluster_identifier = "marketing"
  node_type          = "ra3.xlplus"
  encrypted          = var.encrypt_warehouse
}
