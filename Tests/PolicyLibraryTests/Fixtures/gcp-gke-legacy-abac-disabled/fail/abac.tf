locals {
  legacy_authz = true
}

resource "google_container_cluster" "literal" {
  name               = "abac"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = true
}

resource "google_container_cluster" "local" {
  name               = "abac-local"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = local.legacy_authz
}
