resource "google_compute_subnetwork" "app" {
  name                     = "app"
  ip_cidr_range            = "10.0.0.0/20"
  region                   = "europe-west1"
  network                  = "prod"
  private_ip_google_access = true
}

resource "google_compute_subnetwork" "dual" {
  name                       = "dual"
  ip_cidr_range              = "10.1.0.0/20"
  region                     = "europe-west1"
  network                    = "prod"
  stack_type                 = "IPV4_IPV6"
  ipv6_access_type           = "INTERNAL"
  private_ip_google_access   = true
  private_ipv6_google_access = "ENABLE_OUTBOUND_VM_ACCESS_TO_GOOGLE"
}

resource "google_compute_subnetwork" "proxy_only" {
  name          = "proxy-only"
  ip_cidr_range = "10.129.0.0/23"
  region        = "europe-west1"
  network       = "prod"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}
