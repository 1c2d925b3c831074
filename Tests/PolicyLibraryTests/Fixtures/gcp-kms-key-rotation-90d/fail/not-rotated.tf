variable "rotation" {
  type    = string
  default = "31536000s"
}

resource "google_kms_key_ring" "main" {
  name     = "main"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "never" {
  name     = "never"
  key_ring = google_kms_key_ring.main.id
}

resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = var.rotation
}

resource "google_kms_crypto_key" "hourly" {
  name            = "hourly"
  key_ring        = google_kms_key_ring.main.id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "3600s"
}
