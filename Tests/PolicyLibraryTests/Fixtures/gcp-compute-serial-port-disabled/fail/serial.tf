variable "debug_console" {
  type    = bool
  default = true
}

resource "google_compute_instance" "web" {
  name         = "web"
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
    serial-port-enable = "TRUE"
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
    "serial-port-enable" = var.debug_console
    enable-oslogin       = "TRUE"
  }
}

resource "google_compute_instance_from_template" "worker" {
  name                     = "worker-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.workers.self_link_unique

  metadata = {
    serial-port-enable = 1
  }
}
