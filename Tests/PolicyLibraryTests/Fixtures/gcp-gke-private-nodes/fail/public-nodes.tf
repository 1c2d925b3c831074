variable "private_nodes" {
  type    = bool
  default = false
}

resource "google_container_cluster" "no_block" {
  name               = "public"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "variable" {
  name               = "variable"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = var.private_nodes
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}

resource "google_container_cluster" "endpoint_only" {
  name               = "endpoint-only"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_endpoint = true
  }
}
