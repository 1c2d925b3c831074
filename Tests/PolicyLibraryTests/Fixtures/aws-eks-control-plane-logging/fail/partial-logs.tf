variable "log_types" {
  type    = list(string)
  default = ["api"]
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123", "subnet-4567"]
  }
}

resource "aws_eks_cluster" "staging" {
  name                      = "staging"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit"]

  vpc_config {
    subnet_ids = ["subnet-0123", "subnet-4567"]
  }
}

resource "aws_eks_cluster" "dev" {
  name                      = "dev"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = var.log_types

  vpc_config {
    subnet_ids = ["subnet-0123", "subnet-4567"]
  }
}
