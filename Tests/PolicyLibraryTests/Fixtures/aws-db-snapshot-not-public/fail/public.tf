variable "share_with" {
  type    = list(string)
  default = ["all"]
}

resource "aws_db_snapshot" "demo" {
  db_instance_identifier = "demo"
  db_snapshot_identifier = "demo-public"
  shared_accounts        = ["all"]
}

resource "aws_db_cluster_snapshot" "aurora" {
  db_cluster_identifier          = "aurora"
  db_cluster_snapshot_identifier = "aurora-public"
  shared_accounts                = var.share_with
}

resource "aws_db_snapshot_copy" "copy" {
  source_db_snapshot_identifier = aws_db_snapshot.demo.db_snapshot_arn
  target_db_snapshot_identifier = "demo-copy"
  shared_accounts               = ["111122223333", "all"]
}
