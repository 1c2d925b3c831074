locals {
  tls = false
}

resource "aws_elasticache_replication_group" "unset" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "from_local" {
  replication_group_id       = "cache"
  description                = "page cache"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = local.tls
}

# Encrypted, but any client that reaches the group may run commands.
resource "aws_elasticache_replication_group" "no_auth" {
  replication_group_id       = "queue"
  description                = "job queue"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
}
