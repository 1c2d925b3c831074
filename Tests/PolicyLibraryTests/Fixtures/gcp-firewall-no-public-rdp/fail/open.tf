locals {
  everywhere = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "rdp_world" {
  name    = "allow-rdp"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  allow {
    protocol = "udp"
    ports    = ["3389"]
  }

  source_ranges = local.everywhere
}

resource "google_compute_firewall" "range" {
  name    = "allow-high-ports"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["3000-4000"]
  }

  source_ranges = ["192.168.0.0/16", "0.0.0.0/0"]
}

resource "google_compute_firewall" "everything" {
  name    = "allow-everything-v6"
  network = "default"

  allow {
    protocol = "all"
  }

  source_ranges = ["::/0"]
}

resource "google_compute_firewall" "no_source" {
  name    = "allow-rdp-anywhere"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = [3389]
  }
}
