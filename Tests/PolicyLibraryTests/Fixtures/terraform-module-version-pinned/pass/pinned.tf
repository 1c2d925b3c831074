module "exact" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"
}

module "equals" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "= 4.0.1"
}

module "pessimistic" {
  source  = "app.terraform.io/example-org/network/aws//modules/subnets"
  version = "~> 2.3"
}

module "range" {
  source  = "terraform-aws-modules/iam/aws"
  version = ">= 5.0, < 6.0"
}

module "git" {
  source = "git::https://github.com/example-org/terraform-network.git?ref=0f3c2b9a8e7d6c5b4a39281706f5e4d3c2b1a098"
}
