resource "google_storage_bucket" "versioned" {
  name     = "acme-versioned"
  location = "EU"

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
    }
    action {
      type = "Delete"
    }
  }
}
