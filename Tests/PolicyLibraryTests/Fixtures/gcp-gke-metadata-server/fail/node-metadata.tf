variable "metadata_mode" {
  type    = string
  default = "GCE_METADATA"
}

resource "google_container_cluster" "defaults" {
  name               = "defaults"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "inline_pools" {
  name     = "inline"
  location = "europe-west1"

  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }

  node_config {
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }

  node_pool {
    name = "legacy"
    node_config {
      machine_type = "e2-standard-2"
    }
  }
}

resource "google_container_node_pool" "gce" {
  name       = "gce"
  cluster    = google_container_cluster.defaults.id
  node_count = 1

  node_config {
    workload_metadata_config {
      mode = var.metadata_mode
    }
  }
}

resource "google_container_node_pool" "unset" {
  name       = "unset"
  cluster    = google_container_cluster.defaults.id
  node_count = 1
}
