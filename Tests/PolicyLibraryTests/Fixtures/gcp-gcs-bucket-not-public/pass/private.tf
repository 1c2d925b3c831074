resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "app" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"
}

resource "google_storage_bucket_iam_binding" "analysts" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  members = [
    "group:analysts@acme.example",
    "domain:acme.example",
  ]
}
