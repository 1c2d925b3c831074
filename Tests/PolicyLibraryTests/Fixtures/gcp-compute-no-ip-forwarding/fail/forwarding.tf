locals {
  is_router = true
}

resource "google_compute_instance" "nat" {
  name           = "nat"
  machine_type   = "e2-small"
  zone           = "europe-west1-b"
  can_ip_forward = true

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_template" "routers" {
  name_prefix    = "router-"
  machine_type   = "e2-medium"
  can_ip_forward = local.is_router

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_from_template" "router" {
  name                     = "router-1"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.routers.self_link_unique
  can_ip_forward           = true
}
