locals {
  source_on_premises = true
}

resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = true
}

resource "aws_dms_replication_instance" "sync" {
  replication_instance_id    = "sync"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = local.source_on_premises
}
