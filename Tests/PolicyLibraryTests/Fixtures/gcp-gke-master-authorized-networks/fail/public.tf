variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

resource "google_container_cluster" "no_block" {
  name               = "public"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "world" {
  name               = "world"
  location           = "europe-west1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
    cidr_blocks {
      cidr_block   = var.admin_cidr
      display_name = "admins"
    }
  }
}

resource "google_container_cluster" "public_endpoint_private_nodes" {
  name               = "half-private"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.16/28"
  }
}
