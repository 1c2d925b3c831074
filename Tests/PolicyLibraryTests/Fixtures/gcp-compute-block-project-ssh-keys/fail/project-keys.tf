variable "block_keys" {
  type    = bool
  default = false
}

resource "google_compute_instance" "no_metadata" {
  name         = "plain"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_template" "workers" {
  name_prefix  = "workers-"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  metadata = {
    block-project-ssh-keys = var.block_keys
  }
}

resource "google_compute_instance_from_template" "overrides" {
  name                     = "worker-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.workers.self_link_unique

  metadata = {
    enable-oslogin = "TRUE"
  }
}
