terraform {
  required_version = ">= 1.8"

  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "eks/production.tfstate"
    region         = "eu-central-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }

  required_providers {
    aws        = { source = "hashicorp/aws", version = "~> 5.40" }
    kubernetes = { source = "hashicorp/kubernetes", version = ">= 2.25" }
    tls        = { source = "hashicorp/tls" }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { Cluster = var.cluster_name, Owner = "platform" }
  }
}

provider "aws" {
  alias  = "dns"
  region = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::${var.dns_account_id}:role/dns-admin"
    session_name = "eks-${var.cluster_name}"
  }
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "cluster_name" { type = string }

variable "dns_account_id" {
  type      = string
  sensitive = true
}

variable "kubernetes_version" {
  type    = string
  default = "1.30"
  validation {
    condition     = tonumber(split(".", var.kubernetes_version)[1]) >= 28
    error_message = "Kubernetes ${var.kubernetes_version} is no longer supported; use 1.28 or later."
  }
}

variable "node_groups" {
  type = map(object({
    instance_types = list(string)
    min            = number
    max            = number
    desired        = optional(number)
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    disk_gib = optional(number, 50)
  }))
}

variable "subnet_ids" { type = list(string) }
variable "admin_arns" {
  type    = list(string)
  default = []
}

locals {
  name = var.cluster_name
  oidc_issuer = replace(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
  admin_roles = [for arn in var.admin_arns : provider::aws::arn_parse(arn).resource]

  node_taints = flatten([
    for group, settings in var.node_groups : [
      for taint in settings.taints : {
        group = group
        key   = taint.key
        value = coalesce(taint.value, "true")
      }
    ]
  ])

  bootstrap = {
    for group, settings in var.node_groups : group => <<-SCRIPT
      #!/bin/bash
      set -euo pipefail
      /etc/eks/bootstrap.sh ${local.name} \
        --kubelet-extra-args '--node-labels=${join(",", [for key, value in settings.labels : "${key}=${value}"])}'
      %{ if length(settings.taints) > 0 ~}
      echo "taints: ${length(settings.taints)}"
      %{ endif ~}
    SCRIPT
  }
}

data "aws_iam_policy_document" "cluster_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${local.name}-cluster"
  assume_role_policy = data.aws_iam_policy_document.cluster_assume.json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController",
  ])
  policy_arn = each.value
  role       = aws_iam_role.cluster.name
}

resource "aws_kms_key" "secrets" {
  description             = "Envelope encryption of ${local.name}'s secrets"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_eks_cluster" "this" {
  name     = local.name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = length(var.admin_arns) > 0
    public_access_cidrs     = ["203.0.113.0/24"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }

  access_config {
    authentication_mode = "API"
  }

  depends_on = [aws_iam_role_policy_attachment.cluster]

  lifecycle {
    postcondition {
      condition     = self.status == "ACTIVE"
      error_message = "Cluster ${self.name} is ${self.status}, not ACTIVE."
    }
  }
}

resource "aws_iam_role" "node" {
  name = "${local.name}-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_launch_template" "node" {
  for_each = var.node_groups

  name_prefix = "${local.name}-${each.key}-"
  user_data   = base64encode(local.bootstrap[each.key])

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = each.value.disk_gib
      volume_type = "gp3"
      encrypted   = true
    }
  }

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

resource "aws_eks_node_group" "this" {
  for_each = var.node_groups

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = each.key
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.subnet_ids
  instance_types  = each.value.instance_types
  labels          = merge(each.value.labels, { "node-group" = each.key })

  scaling_config {
    min_size     = each.value.min
    max_size     = each.value.max
    desired_size = coalesce(each.value.desired, each.value.min)
  }

  launch_template {
    id      = aws_launch_template.node[each.key].id
    version = aws_launch_template.node[each.key].latest_version
  }

  dynamic "taint" {
    for_each = [for t in local.node_taints : t if t.group == each.key]
    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = "NO_SCHEDULE"
    }
  }

  update_config { max_unavailable_percentage = 25 }

  lifecycle {
    ignore_changes        = [scaling_config[0].desired_size]
    create_before_destroy = true
    replace_triggered_by  = [aws_launch_template.node[each.key].id]
  }
}

data "tls_certificate" "oidc" {
  url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = data.tls_certificate.oidc.certificates[*].sha1_fingerprint
}

resource "aws_eks_access_entry" "admins" {
  count         = length(var.admin_arns)
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = var.admin_arns[count.index]
}

resource "aws_route53_record" "api" {
  provider = aws.dns
  zone_id  = "Z0123456789ABCDEFGHIJ"
  name     = "api.${local.name}.example.com"
  type     = "CNAME"
  ttl      = 300
  records  = [trimprefix(aws_eks_cluster.this.endpoint, "https://")]
}

moved {
  from = aws_iam_role.eks_cluster
  to   = aws_iam_role.cluster
}

import {
  to = aws_kms_key.secrets
  id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

removed {
  from = aws_cloudwatch_log_group.legacy

  lifecycle {
    destroy = false
  }
}

check "endpoint_answers" {
  data "http" "health" {
    url = "${aws_eks_cluster.this.endpoint}/healthz"
    insecure = true
  }

  assert {
    condition     = data.http.health.status_code == 200
    error_message = "The API server answered ${data.http.health.status_code}."
  }
}

output "cluster" {
  value = {
    name     = aws_eks_cluster.this.name
    endpoint = aws_eks_cluster.this.endpoint
    ca       = aws_eks_cluster.this.certificate_authority[0].data
    oidc     = local.oidc_issuer
    groups   = { for name, group in aws_eks_node_group.this : name => group.status }
  }
  sensitive = false
}

output "kubeconfig" {
  sensitive = true
  value     = templatefile("${path.module}/kubeconfig.tpl", {
    name     = aws_eks_cluster.this.name
    endpoint = aws_eks_cluster.this.endpoint
    ca_data  = aws_eks_cluster.this.certificate_authority[0].data
  })
}
