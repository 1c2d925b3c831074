# Git sources pinned to full commit ids, and sources this policy does not cover.
module "network" {
  # v5.1.2
  source = "git::https://github.com/example-org/terraform-network.git?ref=0f3c2b9a8e7d6c5b4a39281706f5e4d3c2b1a098"
}

module "dns" {
  source = "github.com/example-org/terraform-dns?ref=1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e"
}

module "logging" {
  source = "git@github.com:example-org/terraform-logging.git//modules/sink?ref=aa11bb22cc33dd44ee55ff6677889900aabbccdd&depth=1"
}

module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"
}
