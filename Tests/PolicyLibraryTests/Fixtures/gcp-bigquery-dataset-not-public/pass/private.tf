resource "google_bigquery_dataset" "reports" {
  dataset_id = "reports"
  location   = "EU"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@example.com"
  }

  access {
    role       = "READER"
    iam_member = "serviceAccount:etl@acme.iam.gserviceaccount.com"
  }
}

resource "google_bigquery_dataset_access" "writer" {
  dataset_id    = google_bigquery_dataset.reports.dataset_id
  role          = "WRITER"
  user_by_email = "loader@acme.iam.gserviceaccount.com"
}

resource "google_bigquery_dataset" "no_access_blocks" {
  dataset_id = "scratch"
  location   = "EU"
}
