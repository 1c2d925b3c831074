variable "os_login" {
  type    = string
  default = "FALSE"
}

resource "google_compute_project_metadata" "missing" {
  project = "acme-prod"
  metadata = {
    block-project-ssh-keys = "TRUE"
  }
}

resource "google_compute_project_metadata_item" "off" {
  project = "acme-dev"
  key     = "enable-oslogin"
  value   = var.os_login
}

resource "google_compute_instance" "opted_out" {
  name         = "legacy"
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
    enable-oslogin = "FALSE"
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
    "enable-oslogin" = 0
  }
}
