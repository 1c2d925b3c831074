variable "public_interfaces" {
  type    = list(string)
  default = ["default"]
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
    access_config {}
  }
}

resource "google_compute_instance_template" "edge" {
  name_prefix  = "edge-"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    subnetwork = "internal"
  }

  dynamic "network_interface" {
    for_each = var.public_interfaces
    content {
      network = network_interface.value
      access_config {
        network_tier = "STANDARD"
      }
    }
  }
}

resource "google_compute_instance_from_template" "dual_stack" {
  name                     = "dual-stack"
  zone                     = "europe-west1-b"
  source_instance_template = google_compute_instance_template.edge.self_link_unique

  network_interface {
    subnetwork = "dual"
    stack_type = "IPV4_IPV6"
    ipv6_access_config {
      network_tier = "PREMIUM"
    }
  }
}
