module "default_branch" {
  source = "git::https://github.com/example-org/terraform-network.git"
}

module "tag" {
  source = "github.com/example-org/terraform-dns?ref=v1.4.0"
}

module "branch" {
  source = "git@github.com:example-org/terraform-logging.git?ref=main"
}

module "short_id" {
  source = "bitbucket.org/example-org/terraform-queue?ref=0f3c2b9"
}

# Terraform takes a module source literally (no variables), so the ref is always written out.
module "release_branch" {
  source = "git::ssh://git@gitlab.example.com/platform/terraform-kms.git?depth=1&ref=release-2024"
}
