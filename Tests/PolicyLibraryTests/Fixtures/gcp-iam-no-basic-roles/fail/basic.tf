variable "admin_role" {
  type    = string
  default = "roles/owner"
}

resource "google_project_iam_member" "editor" {
  project = "acme-prod"
  role    = "roles/editor"
  member  = "user:alice@example.com"
}

resource "google_folder_iam_binding" "viewers" {
  folder  = "folders/1234567"
  role    = "roles/viewer"
  members = ["group:everyone@example.com", "domain:example.com"]
}

resource "google_organization_iam_member" "owner" {
  org_id = "1234567890"
  role   = var.admin_role
  member = "user:bob@example.com"
}

resource "google_project_iam_binding" "counted" {
  count   = 2
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:ci-${count.index}@acme.iam.gserviceaccount.com"]
}
