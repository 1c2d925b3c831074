variable "everyone" {
  type    = string
  default = "allUsers"
}

resource "google_bigquery_dataset" "shared" {
  dataset_id = "shared"
  location   = "EU"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}

resource "google_bigquery_dataset" "variable" {
  dataset_id = "open_data"
  location   = "EU"

  access {
    role       = "READER"
    iam_member = var.everyone
  }
}

resource "google_bigquery_dataset_access" "public_writer" {
  dataset_id = google_bigquery_dataset.variable.dataset_id
  role       = "WRITER"
  iam_member = "allAuthenticatedUsers"
}
