/*
 * Buckets for several teams, each with versioning, encryption, lifecycle rules and a
 * policy that denies plain-HTTP access. One module, many buckets through for_each.
 */

variable "buckets" {
  description = "Buckets by short name"
  type = map(object({
    versioning      = optional(bool, true)
    kms_key_arn     = optional(string)
    expire_after    = optional(number)
    cors_origins    = optional(list(string), [])
    lifecycle_rules = optional(list(object({
      id          = string
      prefix      = optional(string, "")
      transitions = optional(map(number), {})
    })), [])
    public_read = optional(bool, false)
  }))
}

variable "environment" {
  type    = string
  default = "dev"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  prefix     = "${var.environment}-${data.aws_region.current.name}"

  # Flatten each bucket's rules into one map so every rule gets its own address.
  rules = merge([
    for name, bucket in var.buckets : {
      for rule in bucket.lifecycle_rules : "${name}/${rule.id}" => merge(rule, { bucket = name })
    }
  ]...)

  public_buckets = toset([for name, bucket in var.buckets : name if bucket.public_read])
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets

  bucket        = "${local.prefix}-${each.key}-${local.account_id}"
  force_destroy = var.environment != "prod"

  tags = {
    Name        = each.key
    Environment = var.environment
    "cost:team" = lookup(each.value, "team", "platform")
  }

  lifecycle {
    prevent_destroy = false
    ignore_changes  = [tags["LastAudited"], tags_all]
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = { for name, bucket in var.buckets : name => bucket if bucket.versioning }

  bucket = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    bucket_key_enabled = each.value.kms_key_arn != null
    apply_server_side_encryption_by_default {
      sse_algorithm     = each.value.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = each.value.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = !contains(local.public_buckets, each.key)
  restrict_public_buckets = !contains(local.public_buckets, each.key)
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = { for name, bucket in var.buckets : name => bucket if length(bucket.lifecycle_rules) > 0 || bucket.expire_after != null }
  bucket   = aws_s3_bucket.this[each.key].id

  dynamic "rule" {
    for_each = each.value.lifecycle_rules
    content {
      id     = rule.value.id
      status = "Enabled"

      filter {
        prefix = rule.value.prefix
      }

      dynamic "transition" {
        for_each = rule.value.transitions
        content {
          days          = transition.value
          storage_class = upper(transition.key)
        }
      }
    }
  }

  dynamic "rule" {
    for_each = each.value.expire_after == null ? [] : [each.value.expire_after]
    content {
      id     = "expire-everything"
      status = "Enabled"
      filter {}
      expiration {
        days = rule.value
      }
      noncurrent_version_expiration { noncurrent_days = rule.value }
    }
  }
}

resource "aws_s3_bucket_cors_configuration" "this" {
  for_each = { for name, bucket in var.buckets : name => bucket if length(bucket.cors_origins) > 0 }
  bucket   = aws_s3_bucket.this[each.key].id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = each.value.cors_origins
    allowed_headers = ["*"]
    max_age_seconds = 3000
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.this[each.key].arn,
          "${aws_s3_bucket.this[each.key].arn}/*",
        ]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }],
      contains(local.public_buckets, each.key) ? [{
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource  = ["${aws_s3_bucket.this[each.key].arn}/public/*"]
      }] : [],
    )
  })
}

resource "aws_s3_object" "readme" {
  for_each = aws_s3_bucket.this

  bucket       = each.value.id
  key          = "README.txt"
  content_type = "text/plain; charset=utf-8"
  content      = <<EOT
This bucket (${each.value.bucket}) belongs to the ${each.key} team.
Objects under public/ are readable by anyone; everything else is private.
Costs are billed to $${team}; literal percent: 100%.
EOT
}

resource "aws_s3_bucket_notification" "uploads" {
  for_each = { for name in keys(var.buckets) : name => name if startswith(name, "uploads") }
  bucket   = aws_s3_bucket.this[each.key].id

  queue {
    queue_arn     = "arn:aws:sqs:${data.aws_region.current.name}:${local.account_id}:${each.key}-events"
    events        = ["s3:ObjectCreated:*"]
    filter_suffix = ".json"
  }
}

output "bucket_arns" {
  value = { for name, bucket in aws_s3_bucket.this : name => bucket.arn }
}

output "bucket_names" {
  value = values(aws_s3_bucket.this)[*].bucket
}
