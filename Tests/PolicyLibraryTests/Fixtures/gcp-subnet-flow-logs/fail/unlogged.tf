variable "subnets" {
  type    = map(string)
  default = { data = "10.1.0.0/20" }
}

resource "google_compute_subnetwork" "app" {
  name          = "app"
  ip_cidr_range = "10.0.0.0/20"
  region        = "europe-west1"
  network       = "prod"
}

resource "google_compute_subnetwork" "each" {
  for_each      = var.subnets
  name          = each.key
  ip_cidr_range = each.value
  region        = "europe-west1"
  network       = "prod"
  purpose       = "PRIVATE"
}
