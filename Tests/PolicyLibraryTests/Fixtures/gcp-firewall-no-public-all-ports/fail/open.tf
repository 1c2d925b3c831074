variable "anywhere" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "all_protocols" {
  name          = "allow-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "tcp_no_ports" {
  name          = "allow-tcp"
  network       = "default"
  source_ranges = var.anywhere

  allow {
    protocol = "tcp"
  }

  allow {
    protocol = "udp"
    ports    = ["53"]
  }
}

resource "google_compute_firewall" "full_range" {
  name    = "allow-range"
  network = "default"

  allow {
    protocol = "udp"
    ports    = ["0-65535"]
  }
}

resource "google_compute_firewall" "ipv6" {
  name          = "allow-v6"
  network       = "default"
  source_ranges = ["::/0", "10.0.0.0/8"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}
