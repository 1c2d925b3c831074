variable "google_access" {
  type    = bool
  default = false
}

resource "google_compute_subnetwork" "unset" {
  name          = "unset"
  ip_cidr_range = "10.0.0.0/20"
  region        = "europe-west1"
  network       = "prod"
}

resource "google_compute_subnetwork" "variable" {
  name                     = "variable"
  ip_cidr_range            = "10.1.0.0/20"
  region                   = "europe-west1"
  network                  = "prod"
  private_ip_google_access = var.google_access
}

resource "google_compute_subnetwork" "dual" {
  name                       = "dual"
  ip_cidr_range              = "10.2.0.0/20"
  region                     = "europe-west1"
  network                    = "prod"
  stack_type                 = "IPV4_IPV6"
  ipv6_access_type           = "EXTERNAL"
  private_ip_google_access   = true
  private_ipv6_google_access = "DISABLE_GOOGLE_ACCESS"
}
