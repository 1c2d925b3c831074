resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

# Valkey replication groups are encrypted at rest unless told otherwise.
resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "cache"
  description          = "page cache"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}
