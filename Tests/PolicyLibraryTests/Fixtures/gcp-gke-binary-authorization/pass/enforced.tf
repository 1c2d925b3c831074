resource "google_container_cluster" "enforced" {
  name               = "enforced"
  location           = "europe-west1"
  initial_node_count = 1

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
}

resource "google_container_cluster" "legacy_flag" {
  name                        = "legacy"
  location                    = "europe-west1"
  initial_node_count          = 1
  enable_binary_authorization = true
}
