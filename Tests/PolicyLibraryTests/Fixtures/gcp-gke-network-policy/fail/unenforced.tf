variable "enforce_policies" {
  type    = bool
  default = false
}

resource "google_container_cluster" "plain" {
  name               = "plain"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "disabled" {
  name               = "disabled"
  location           = "europe-west1"
  initial_node_count = 1

  network_policy {
    enabled  = var.enforce_policies
    provider = "CALICO"
  }
}

resource "google_container_cluster" "legacy_datapath" {
  name               = "legacy-datapath"
  location           = "europe-west1"
  initial_node_count = 1
  datapath_provider  = "LEGACY_DATAPATH"
}
