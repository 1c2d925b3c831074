resource "google_storage_bucket" "private" {
  name                        = "acme-private"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
