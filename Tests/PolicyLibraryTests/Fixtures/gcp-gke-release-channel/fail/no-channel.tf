locals {
  channel = "UNSPECIFIED"
}

resource "google_container_cluster" "no_block" {
  name               = "static"
  location           = "europe-west1"
  initial_node_count = 1
  min_master_version = "1.29"
}

resource "google_container_cluster" "local" {
  name               = "unenrolled"
  location           = "europe-west1"
  initial_node_count = 1

  release_channel {
    channel = local.channel
  }
}
