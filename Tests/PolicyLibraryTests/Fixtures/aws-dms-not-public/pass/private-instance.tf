resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
}

resource "aws_dms_replication_instance" "sync" {
  replication_instance_id    = "sync"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = false
  vpc_security_group_ids     = ["sg-0123456789abcdef0"]
}
