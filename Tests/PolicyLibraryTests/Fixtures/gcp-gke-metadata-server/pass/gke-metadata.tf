resource "google_container_cluster" "primary" {
  name                     = "primary"
  location                 = "europe-west1"
  initial_node_count       = 1
  remove_default_node_pool = true

  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = google_container_cluster.primary.id
  node_count = 3

  node_config {
    machine_type = "e2-standard-4"

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_container_cluster" "default_pool" {
  name               = "small"
  location           = "europe-west1"
  initial_node_count = 1

  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }

  node_config {
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }

  node_pool {
    name = "extra"
    node_config {
      workload_metadata_config {
        mode = "GKE_METADATA"
      }
    }
  }
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
