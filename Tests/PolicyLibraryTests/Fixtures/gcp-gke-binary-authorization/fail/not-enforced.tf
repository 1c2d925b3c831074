variable "binauthz_mode" {
  type    = string
  default = "DISABLED"
}

resource "google_container_cluster" "no_block" {
  name               = "plain"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "variable" {
  name               = "variable"
  location           = "europe-west1"
  initial_node_count = 1

  binary_authorization {
    evaluation_mode = var.binauthz_mode
  }
}

resource "google_container_cluster" "empty_block" {
  name               = "empty"
  location           = "europe-west1"
  initial_node_count = 1

  binary_authorization {}
}
