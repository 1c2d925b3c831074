variable "admin_ranges" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "ssh_world" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "range" {
  name    = "allow-low-ports"
  network = "default"

  allow {
    protocol = "icmp"
  }

  allow {
    protocol = "tcp"
    ports    = ["80", "20-1024"]
  }

  source_ranges = ["10.0.0.0/8", "::/0"]
}

resource "google_compute_firewall" "all_ports" {
  name    = "allow-all"
  network = "default"

  allow {
    protocol = "all"
  }

  source_ranges = var.admin_ranges
}

resource "google_compute_firewall" "no_source" {
  name      = "allow-ssh-anywhere"
  network   = "default"
  direction = "INGRESS"

  allow {
    protocol = "tcp"
    ports    = [22]
  }
}
