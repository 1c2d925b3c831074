resource "aws_db_snapshot" "nightly" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-nightly"
}

resource "aws_db_snapshot" "shared" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-for-analytics"
  shared_accounts        = ["111122223333"]
}

resource "aws_db_cluster_snapshot" "aurora" {
  db_cluster_identifier          = "aurora"
  db_cluster_snapshot_identifier = "aurora-weekly"
  shared_accounts                = []
}
