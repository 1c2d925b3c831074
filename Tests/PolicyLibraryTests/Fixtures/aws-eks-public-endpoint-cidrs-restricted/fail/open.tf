variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123", "subnet-4567"]
  }
}

resource "aws_eks_cluster" "staging" {
  name     = "staging"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123", "subnet-4567"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24", "0.0.0.0/0"]
  }
}

resource "aws_eks_cluster" "dev" {
  name     = "dev"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids          = ["subnet-0123", "subnet-4567"]
    public_access_cidrs = var.admin_cidrs
  }
}
