resource "google_compute_instance" "blocked" {
  name         = "blocked"
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

  metadata = {
    block-project-ssh-keys = "TRUE"
    ssh-keys               = "alice:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDexample alice"
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
    "block-project-ssh-keys" = true
  }
}

resource "google_compute_instance_from_template" "inherits" {
  name                     = "worker-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.workers.self_link_unique
}
