resource "google_service_account" "deployer" {
  account_id = "deployer"
}

resource "google_service_account_iam_member" "ci_can_impersonate" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "logging" {
  project = "acme-prod"
  role    = "roles/logging.viewer"
  member  = "group:ops@example.com"
}

resource "google_organization_iam_binding" "reviewer" {
  org_id  = "1234567890"
  role    = "roles/iam.securityReviewer"
  members = ["group:security@example.com"]
}
