locals {
  readers = ["group:analysts@acme.example", "allAuthenticatedUsers"]
}

resource "google_storage_bucket" "site" {
  name     = "acme-site"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "readers" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.legacyBucketReader"
  members = local.readers
}

resource "google_storage_bucket_iam_binding" "writers" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectCreator"
  members = [
    "user:ops@acme.example",
    "allUsers",
  ]
}
