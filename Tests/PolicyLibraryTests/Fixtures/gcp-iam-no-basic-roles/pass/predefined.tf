resource "google_project_iam_member" "viewer" {
  project = "acme-prod"
  role    = "roles/compute.viewer"
  member  = "group:ops@example.com"
}

resource "google_folder_iam_binding" "storage" {
  folder  = "folders/1234567"
  role    = "roles/storage.objectViewer"
  members = ["group:analysts@example.com", "serviceAccount:etl@acme.iam.gserviceaccount.com"]
}

resource "google_organization_iam_member" "custom" {
  org_id = "1234567890"
  role   = "organizations/1234567890/roles/auditor"
  member = "group:audit@example.com"
}
