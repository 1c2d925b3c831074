# A network with public and private subnets in every zone, NAT and flow logs.
# Written for the parser's corpus test: it uses the constructs real modules use.

locals {
  zone_count  = length(var.zones)
  nat_count   = !var.nat.enabled ? 0 : var.nat.one_per_az ? local.zone_count : 1
  reuse_eips  = length(var.nat.eip_ids) > 0
  common_tags = merge({ Module = "network", ManagedBy = "terraform" }, var.tags)

  # Subnets keyed by "<tier>-<zone>", so for_each addresses stay stable when a list grows.
  subnets = merge(
    { for index, cidr in var.public_subnets : "public-${var.zones[index % local.zone_count]}" => {
      cidr   = cidr
      zone   = var.zones[index % local.zone_count]
      public = true
    } },
    {
      for index, cidr in var.private_subnets :
      "private-${var.zones[index % local.zone_count]}" => {
        cidr   = cidr
        zone   = var.zones[index % local.zone_count]
        public = false
      }
    },
  )
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.common_tags, { "Name" = var.name })
}

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id                  = aws_vpc.this.id
  cidr_block              = each.value.cidr
  availability_zone       = each.value.zone
  map_public_ip_on_launch = each.value.public

  tags = merge(
    local.common_tags,
    {
      Name                                                  = "${var.name}-${each.key}"
      Tier                                                  = each.value.public ? "public" : "private"
      "kubernetes.io/role/${each.value.public ? "elb" : "internal-elb"}" = 1
    },
  )
}

resource "aws_internet_gateway" "this" {
  count  = length(var.public_subnets) > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(local.common_tags, { Name = "${var.name}-igw" })
}

resource "aws_eip" "nat" {
  count  = local.reuse_eips ? 0 : local.nat_count
  domain = "vpc"

  tags = merge(local.common_tags, {
    Name = format("%s-nat-%s", var.name, element(var.zones, count.index))
  })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  count = local.nat_count

  allocation_id = local.reuse_eips ? var.nat.eip_ids[count.index] : aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.this["public-${var.zones[count.index]}"].id

  tags = merge(local.common_tags, { Name = "${var.name}-nat-${count.index}" })

  lifecycle {
    precondition {
      condition     = length(var.public_subnets) > 0
      error_message = "NAT gateways need at least one public subnet."
    }
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = one(aws_internet_gateway.this[*].id)
  }

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = try(aws_internet_gateway.this[0].id, null)
  }

  tags = merge(local.common_tags, { Name = "${var.name}-public" })
}

resource "aws_route_table" "private" {
  count  = max(local.nat_count, 1)
  vpc_id = aws_vpc.this.id

  dynamic "route" {
    for_each = local.nat_count > 0 ? [aws_nat_gateway.this[count.index % local.nat_count].id] : []
    iterator = gateway
    content {
      cidr_block     = "0.0.0.0/0"
      nat_gateway_id = gateway.value
    }
  }

  tags = merge(local.common_tags, { Name = "${var.name}-private-${count.index}" })
}

resource "aws_route_table_association" "this" {
  for_each = local.subnets

  subnet_id = aws_subnet.this[each.key].id
  route_table_id = (
    each.value.public
    ? aws_route_table.public.id
    : aws_route_table.private[index(var.zones, each.value.zone) % length(aws_route_table.private)].id
  )
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  # No ingress or egress blocks: the default group allows nothing.
  tags = merge(local.common_tags, { Name = "${var.name}-default-deny" })
}

resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = [for key, subnet in aws_subnet.this : subnet.id if !local.subnets[key].public]

  dynamic "ingress" {
    for_each = { for number, rule in [
      { port = 443, cidr = var.cidr },
      { port = 22, cidr = cidrsubnet(var.cidr, 8, 250) },
    ] : tostring(100 + number * 10) => rule }
    content {
      rule_no    = tonumber(ingress.key)
      protocol   = "tcp"
      action     = "allow"
      cidr_block = ingress.value.cidr
      from_port  = ingress.value.port
      to_port    = ingress.value.port
    }
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_flow_log" "this" {
  count = var.flow_log != null ? 1 : 0

  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = var.flow_log.destination
  log_destination      = var.flow_log.destination == "s3" ? aws_s3_bucket.flow_logs[0].arn : aws_cloudwatch_log_group.flow_logs[0].arn
  iam_role_arn         = var.flow_log.destination == "s3" ? null : aws_iam_role.flow_logs[0].arn
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  count             = try(var.flow_log.destination, "") == "cloud-watch-logs" ? 1 : 0
  name              = "/vpc/${var.name}/flow-logs"
  retention_in_days = var.flow_log.retention
}

resource "aws_s3_bucket" "flow_logs" {
  count         = try(var.flow_log.destination, "") == "s3" ? 1 : 0
  bucket_prefix = "${var.name}-flow-logs-"
  force_destroy = false
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  count              = length(aws_cloudwatch_log_group.flow_logs)
  name_prefix        = "${substr(var.name, 0, 20)}-flow-"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}
