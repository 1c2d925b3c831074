module "no_version" {
  source = "terraform-aws-modules/vpc/aws"
}

module "lower_bound" {
  source  = "terraform-aws-modules/eks/aws"
  version = ">= 19.0"
}

variable "kms_version" {
  default = "!= 2.0.0"
}

module "from_variable" {
  source  = "registry.example.com/platform/kms/aws"
  version = var.kms_version
}
