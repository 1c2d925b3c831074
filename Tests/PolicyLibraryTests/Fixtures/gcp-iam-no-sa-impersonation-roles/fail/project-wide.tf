locals {
  impersonation_role = "roles/iam.serviceAccountTokenCreator"
}

resource "google_project_iam_member" "user" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "user:alice@example.com"
}

resource "google_project_iam_binding" "token_creators" {
  project = "acme-prod"
  role    = local.impersonation_role
  members = ["group:developers@example.com", "serviceAccount:ci@acme.iam.gserviceaccount.com"]
}

resource "google_folder_iam_member" "keys" {
  folder = "folders/1234567"
  role   = "roles/iam.serviceAccountKeyAdmin"
  member = "group:platform@example.com"
}

resource "google_organization_iam_member" "iam_admin" {
  org_id = "1234567890"
  role   = "roles/resourcemanager.organizationAdmin"
  member = "user:bob@example.com"
}
