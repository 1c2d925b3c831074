resource "google_compute_instance" "internal" {
  name         = "internal"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme/regions/europe-west1/subnetworks/app"
  }

  network_interface {
    subnetwork = "projects/acme/regions/europe-west1/subnetworks/data"
    network_ip = "10.2.0.10"
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
}

resource "google_compute_instance_from_template" "worker" {
  name                     = "worker-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.workers.self_link_unique
}
