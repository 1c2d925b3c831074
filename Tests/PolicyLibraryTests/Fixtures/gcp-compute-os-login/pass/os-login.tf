resource "google_compute_project_metadata" "default" {
  project = "acme-prod"
  metadata = {
    enable-oslogin = "TRUE"
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = "acme-dev"
  key     = "enable-oslogin"
  value   = "TRUE"
}

resource "google_compute_project_metadata_item" "other" {
  project = "acme-dev"
  key     = "startup-script-url"
  value   = "gs://acme-scripts/startup.sh"
}

resource "google_compute_instance" "inherits" {
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
}

resource "google_compute_instance_template" "explicit" {
  name_prefix  = "workers-"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }

  metadata = {
    enable-oslogin         = "true"
    block-project-ssh-keys = "true"
  }
}
