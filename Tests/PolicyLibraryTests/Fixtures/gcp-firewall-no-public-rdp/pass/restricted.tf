resource "google_compute_firewall" "office_rdp" {
  name    = "allow-rdp-from-office"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["203.0.113.0/24"]
}

resource "google_compute_firewall" "web" {
  name    = "allow-web"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "3390-4000"]
  }

  allow {
    protocol = "icmp"
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "service_account" {
  name                    = "allow-rdp-from-jump"
  network                 = "default"
  source_service_accounts = ["jump@acme-prod.iam.gserviceaccount.com"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "disabled" {
  name          = "allow-rdp-disabled"
  network       = "default"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "deny" {
  name          = "deny-rdp"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  priority      = 100

  deny {
    protocol = "all"
  }
}
