variable "secure_boot" {
  type    = bool
  default = false
}

resource "google_container_cluster" "defaults" {
  name               = "defaults"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_node_pool" "variable" {
  name       = "variable"
  cluster    = google_container_cluster.defaults.id
  node_count = 1

  node_config {
    shielded_instance_config {
      enable_secure_boot = var.secure_boot
    }
  }
}

resource "google_container_node_pool" "no_monitoring" {
  name       = "no-monitoring"
  cluster    = google_container_cluster.defaults.id
  node_count = 1

  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = false
    }
  }
}

resource "google_container_cluster" "inline" {
  name                     = "inline"
  location                 = "europe-west1"
  remove_default_node_pool = true

  node_pool {
    name = "plain"
  }
}
