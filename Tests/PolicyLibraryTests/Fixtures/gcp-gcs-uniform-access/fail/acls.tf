variable "uniform_access" {
  type    = bool
  default = false
}

resource "google_storage_bucket" "defaulted" {
  name     = "acme-defaulted"
  location = "EU"
}

resource "google_storage_bucket" "variable" {
  name                        = "acme-variable"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform_access
}
