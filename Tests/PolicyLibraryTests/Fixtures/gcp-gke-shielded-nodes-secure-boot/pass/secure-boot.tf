resource "google_container_cluster" "primary" {
  name                     = "primary"
  location                 = "europe-west1"
  initial_node_count       = 1
  remove_default_node_pool = true
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = google_container_cluster.primary.id
  node_count = 3

  node_config {
    shielded_instance_config {
      enable_secure_boot = true
    }
  }
}

resource "google_container_cluster" "default_pool" {
  name               = "small"
  location           = "europe-west1"
  initial_node_count = 1

  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
