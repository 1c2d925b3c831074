variable "encrypt_cache" {
  type    = bool
  default = false
}

resource "aws_elasticache_replication_group" "unset" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "valkey_off" {
  replication_group_id       = "cache"
  description                = "page cache"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = false
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "queue"
  description                = "job queue"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = var.encrypt_cache
}
