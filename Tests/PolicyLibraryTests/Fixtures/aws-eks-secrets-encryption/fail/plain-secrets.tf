variable "encrypted_resources" {
  type    = list(string)
  default = []
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
    subnet_ids = ["subnet-0123", "subnet-4567"]
  }

  encryption_config {
    resources = var.encrypted_resources
    provider {
      key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
