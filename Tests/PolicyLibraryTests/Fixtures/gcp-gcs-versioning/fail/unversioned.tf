locals {
  keep_versions = false
}

resource "google_storage_bucket" "no_block" {
  name     = "acme-plain"
  location = "EU"
}

resource "google_storage_bucket" "disabled" {
  name     = "acme-disabled"
  location = "EU"

  versioning {
    enabled = false
  }
}

resource "google_storage_bucket" "local" {
  name     = "acme-local"
  location = "EU"

  versioning {
    enabled = local.keep_versions
  }
}
