variable "vtpm" {
  type    = bool
  default = false
}

resource "google_compute_instance" "no_block" {
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

resource "google_compute_instance_template" "variable" {
  name_prefix  = "workers-"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  shielded_instance_config {
    enable_vtpm = var.vtpm
  }
}

resource "google_compute_instance_from_template" "no_monitoring" {
  name                     = "worker-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.variable.self_link_unique

  shielded_instance_config {
    enable_secure_boot          = true
    enable_integrity_monitoring = false
  }
}
