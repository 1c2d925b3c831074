#!/usr/bin/env python3
"""Write a realistic Terraform tree with a given number of resources, for the scan benchmark.

usage: make-terraform-modules.py --resources N --out DIR [--seed S] [--force]

The tree looks like an infrastructure repository: DIR/<cloud>/<env>/<team>-<service>/ is one root
module ("stack") per service and environment, for AWS, Azure and Google Cloud. Each stack has
versions.tf (providers, backend), variables.tf (typed, some with defaults and validations),
terraform.tfvars (the values), locals.tf, main.tf and, by topic, iam.tf, network.tf, data.tf
and outputs.tf, and a vendored child module ./modules/bucket that main.tf calls with inputs, once
directly and sometimes with for_each.

The resources are what such repositories hold: S3 buckets with the separate aws_s3_bucket_*
resources of provider v4+, security groups with dynamic ingress blocks and separate rules, RDS
instances and Aurora clusters, EKS with node groups and add-ons, KMS keys, IAM roles and
policies written three ways (jsonencode, heredoc JSON, aws_iam_policy_document data sources with
dynamic statements), CloudTrail, EC2 instances with EBS volumes, ALBs and classic ELBs, Lambda
functions; Azure storage accounts, key vaults, AKS, network security groups, SQL servers; Google
storage buckets, compute instances, GKE, firewalls and Cloud SQL. Values reach resources through
variables, tfvars, locals, for_each maps, count and conditional expressions, as in real code.

Each stack draws a care level (hardened, typical, careless, insecure) and every security setting
is then drawn on its own, so that about half of the settings comply and scanners find a mix of
issues spread over the resources rather than one kind per file.

"Resources" are resource instances as `terraform plan` would count them: count and for_each
expanded, resources inside a module counted once per module instance, data sources not counted.
The tree holds exactly N of them; the last stack is filled with single resources to make the
count exact. The output depends only on N and the seed, and for one seed the stacks of a smaller
tree are the first stacks of a larger one (the last may be cut short). Python 3 standard library
only. Prints the number of stacks, files, bytes, resource blocks and instances, and the instances
of each resource type.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import shutil
import string
import sys
import textwrap
from pathlib import Path

TEAMS = [
    "payments", "checkout", "search", "identity", "platform", "data", "ml", "web", "mobile",
    "notify", "observability", "logistics", "billing", "catalog", "security", "analytics",
]
SERVICES = [
    "ledger", "orders", "invoices", "users", "sessions", "profiles", "tokens", "inventory",
    "pricing", "shipping", "tracking", "email", "reports", "exports", "imports", "features",
    "audit", "events", "metrics", "ranking", "indexer", "media", "uploads", "geo", "tax",
    "refunds", "fraud", "risk", "loyalty", "coupons", "reviews", "chat", "gateway", "etl",
]
ENVS = ["prod", "staging", "dev"]
PROFILES = [("hardened", 0.9, 2), ("typical", 0.6, 3), ("careless", 0.35, 3), ("insecure", 0.1, 2)]
AWS_REGIONS = ["eu-west-1", "us-east-1", "us-west-2", "eu-central-1", "ap-southeast-2"]
AZ_REGIONS = ["westeurope", "northeurope", "eastus2", "uksouth"]
GCP_REGIONS = ["europe-west1", "us-central1", "europe-west4", "asia-northeast1"]
OFFICE_CIDRS = ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24"]
WORDS = [
    "app", "api", "web", "worker", "batch", "stream", "assets", "backup", "archive", "cache",
    "ingest", "export", "public", "internal", "admin", "reports", "events", "queue", "jobs",
]

_DROP = "\x00"


class _Template(string.Template):
    """`§name` placeholders, so that HCL's `${...}` needs no escaping in the templates."""

    delimiter = "§"


def hcl(text: str, **values) -> str:
    """Dedents a template, fills its `§name` placeholders, drops lines an `opt` left out."""
    filled = _Template(textwrap.dedent(text).strip("\n") + "\n").substitute(
        {k: (lit(v) if not isinstance(v, str) else v) for k, v in values.items()})
    kept = "".join(line for line in filled.splitlines(keepends=True) if _DROP not in line)
    return re.sub(r"\n{3,}", "\n\n", kept)


def opt(condition: bool, text: str) -> str:
    """A line (or pre-indented lines) kept only when the condition holds."""
    return text if condition else _DROP


def indent(text: str, by: int) -> str:
    """Indents every line of a dedented block by `by` spaces (the first line included)."""
    pad = " " * by
    return "\n".join(pad + line if line else line for line in textwrap.dedent(text).strip("\n").split("\n"))


def key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k) else json.dumps(k)


def lit(v, level: int = 0) -> str:
    """A Python value as an HCL literal (multi-line objects for maps, as people write tfvars)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    pad = "  " * level
    if isinstance(v, (list, tuple)):
        if all(not isinstance(x, (dict, list, tuple)) for x in v):
            return "[" + ", ".join(lit(x) for x in v) + "]"
        return "[\n" + "".join(f"{pad}  {lit(x, level + 1)},\n" for x in v) + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        width = max(len(key(k)) for k in v)
        rows = "".join(f"{pad}  {key(k).ljust(width)} = {lit(x, level + 1)}\n" for k, x in v.items())
        return "{\n" + rows + pad + "}"
    raise TypeError(type(v))


class Piece:
    """What one component adds to a stack; committed only if its resources fit the budget."""

    def __init__(self) -> None:
        self.variables: list[str] = []
        self.tfvars: list[tuple[str, object]] = []
        self.locals: list[tuple[str, str]] = []
        self.blocks: list[tuple[str, str]] = []
        self.outputs: list[tuple[str, str, str]] = []
        self.counts: collections.Counter[str] = collections.Counter()

    @property
    def instances(self) -> int:
        return sum(self.counts.values())

    def var(self, name: str, type_: str, value=None, *, default=None, has_default: bool = False,
            description: str = "", sensitive: bool = False, validation: tuple[str, str] | None = None,
            in_tfvars: bool = True) -> None:
        lines = [f'variable "{name}" {{']
        if description:
            lines.append(f"  description = {json.dumps(description)}")
        lines.append(f"  type        = {type_}")
        if has_default:
            lines.append(f"  default     = {lit(default, 1)}")
        if sensitive:
            lines.append("  sensitive   = true")
        if validation:
            lines += ["", "  validation {", f"    condition     = {validation[0]}",
                      f"    error_message = {json.dumps(validation[1])}", "  }"]
        lines.append("}")
        self.variables.append("\n".join(lines) + "\n")
        if in_tfvars:
            self.tfvars.append((name, value))

    def local(self, name: str, expr: str) -> None:
        self.locals.append((name, expr))

    def add(self, file: str, text: str, counts: dict[str, int] | None = None) -> None:
        """Adds HCL to a file; `counts` are the resource instances it creates, by type."""
        self.blocks.append((file, text))
        for t, n in (counts or {}).items():
            self.counts[t] += n

    def output(self, name: str, value: str, description: str) -> None:
        self.outputs.append((name, value, description))


class Stack:
    """One root module being written."""

    def __init__(self, cloud: str, env: str, team: str, service: str, rng: random.Random) -> None:
        self.cloud, self.env, self.team, self.service, self.rng = cloud, env, team, service, rng
        profile = rng.choices(PROFILES, weights=[w for *_, w in PROFILES])[0]
        self.profile, self.care = profile[0], profile[1]
        self.labels: set[str] = set()
        self.pieces: list[Piece] = []
        self.features: set[str] = set()
        self.settings = collections.Counter()
        self.region = rng.choice({"aws": AWS_REGIONS, "azure": AZ_REGIONS, "gcp": GCP_REGIONS}[cloud])

    @property
    def instances(self) -> int:
        return sum(p.instances for p in self.pieces)

    def ok(self, bias: float = 0.0) -> bool:
        """Draws one security setting: True when it complies."""
        good = self.rng.random() < min(max(self.care + bias, 0.02), 0.98)
        self.settings["compliant" if good else "non-compliant"] += 1
        return good

    def label(self, base: str) -> str:
        name, i = base, 2
        while name in self.labels:
            name, i = f"{base}{i}", i + 1
        self.labels.add(name)
        return name

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def commit(self, piece: Piece) -> None:
        self.pieces.append(piece)


# ---------------------------------------------------------------------------------------------
# Child modules (one per cloud, vendored into each stack as ./modules/bucket)

AWS_BUCKET_MODULE = {
    "variables.tf": '''
        variable "bucket_name" {
          description = "Name of the bucket."
          type        = string
        }

        variable "versioning" {
          description = "Keep every version of every object."
          type        = bool
          default     = true
        }

        variable "kms_key_arn" {
          description = "KMS key for server-side encryption; AES256 when null."
          type        = string
          default     = null
        }

        variable "block_public_access" {
          type    = bool
          default = true
        }

        variable "log_bucket" {
          description = "Bucket that receives the access logs; none when empty."
          type        = string
          default     = ""
        }

        variable "enforce_tls" {
          type    = bool
          default = true
        }

        variable "noncurrent_days" {
          description = "Days after which old versions expire; no lifecycle rule when 0."
          type        = number
          default     = 0
        }

        variable "force_destroy" {
          type    = bool
          default = false
        }

        variable "tags" {
          type    = map(string)
          default = {}
        }
    ''',
    "main.tf": '''
        resource "aws_s3_bucket" "this" {
          bucket        = var.bucket_name
          force_destroy = var.force_destroy
          tags          = var.tags
        }

        resource "aws_s3_bucket_versioning" "this" {
          bucket = aws_s3_bucket.this.id

          versioning_configuration {
            status = var.versioning ? "Enabled" : "Suspended"
          }
        }

        resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
          bucket = aws_s3_bucket.this.id

          rule {
            apply_server_side_encryption_by_default {
              sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
              kms_master_key_id = var.kms_key_arn
            }
            bucket_key_enabled = var.kms_key_arn != null
          }
        }

        resource "aws_s3_bucket_public_access_block" "this" {
          count = var.block_public_access ? 1 : 0

          bucket                  = aws_s3_bucket.this.id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = true
        }

        resource "aws_s3_bucket_logging" "this" {
          count = var.log_bucket == "" ? 0 : 1

          bucket        = aws_s3_bucket.this.id
          target_bucket = var.log_bucket
          target_prefix = "s3/${var.bucket_name}/"
        }

        data "aws_iam_policy_document" "tls_only" {
          statement {
            sid       = "DenyInsecureTransport"
            effect    = "Deny"
            actions   = ["s3:*"]
            resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

            principals {
              type        = "*"
              identifiers = ["*"]
            }

            condition {
              test     = "Bool"
              variable = "aws:SecureTransport"
              values   = ["false"]
            }
          }
        }

        resource "aws_s3_bucket_policy" "this" {
          count = var.enforce_tls ? 1 : 0

          bucket = aws_s3_bucket.this.id
          policy = data.aws_iam_policy_document.tls_only.json
        }

        resource "aws_s3_bucket_lifecycle_configuration" "this" {
          count = var.noncurrent_days > 0 ? 1 : 0

          bucket = aws_s3_bucket.this.id

          rule {
            id     = "expire-old-versions"
            status = "Enabled"

            filter {}

            noncurrent_version_expiration {
              noncurrent_days = var.noncurrent_days
            }

            abort_incomplete_multipart_upload {
              days_after_initiation = 7
            }
          }
        }
    ''',
    "outputs.tf": '''
        output "bucket_id" {
          value = aws_s3_bucket.this.id
        }

        output "bucket_arn" {
          value = aws_s3_bucket.this.arn
        }
    ''',
}

AZURE_BUCKET_MODULE = {
    "variables.tf": '''
        variable "name" {
          description = "Storage account name: 3 to 24 lower-case letters and digits."
          type        = string

          validation {
            condition     = can(regex("^[a-z0-9]{3,24}$", var.name))
            error_message = "The name must be 3 to 24 lower-case letters and digits."
          }
        }

        variable "resource_group_name" {
          type = string
        }

        variable "location" {
          type = string
        }

        variable "replication_type" {
          type    = string
          default = "ZRS"
        }

        variable "min_tls_version" {
          type    = string
          default = "TLS1_2"
        }

        variable "https_only" {
          type    = bool
          default = true
        }

        variable "allow_public_blobs" {
          type    = bool
          default = false
        }

        variable "allowed_ips" {
          description = "Public addresses allowed through the firewall; no firewall when empty."
          type        = list(string)
          default     = []
        }

        variable "containers" {
          description = "Container name to access type (private, blob or container)."
          type        = map(string)
          default     = {}
        }

        variable "tags" {
          type    = map(string)
          default = {}
        }
    ''',
    "main.tf": '''
        resource "azurerm_storage_account" "this" {
          name                            = var.name
          resource_group_name             = var.resource_group_name
          location                        = var.location
          account_tier                    = "Standard"
          account_replication_type        = var.replication_type
          min_tls_version                 = var.min_tls_version
          enable_https_traffic_only       = var.https_only
          allow_nested_items_to_be_public = var.allow_public_blobs

          blob_properties {
            versioning_enabled = true

            delete_retention_policy {
              days = 7
            }
          }

          dynamic "network_rules" {
            for_each = length(var.allowed_ips) > 0 ? [1] : []
            content {
              default_action = "Deny"
              bypass         = ["AzureServices"]
              ip_rules       = var.allowed_ips
            }
          }

          tags = var.tags
        }

        resource "azurerm_storage_container" "this" {
          for_each = var.containers

          name                  = each.key
          storage_account_name  = azurerm_storage_account.this.name
          container_access_type = each.value
        }
    ''',
    "outputs.tf": '''
        output "id" {
          value = azurerm_storage_account.this.id
        }

        output "primary_blob_endpoint" {
          value = azurerm_storage_account.this.primary_blob_endpoint
        }
    ''',
}

GCP_BUCKET_MODULE = {
    "variables.tf": '''
        variable "name" {
          type = string
        }

        variable "location" {
          type = string
        }

        variable "uniform_access" {
          type    = bool
          default = true
        }

        variable "versioning" {
          type    = bool
          default = true
        }

        variable "log_bucket" {
          type    = string
          default = ""
        }

        variable "kms_key" {
          type    = string
          default = null
        }

        variable "public_read" {
          description = "Grant allUsers read access to every object."
          type        = bool
          default     = false
        }

        variable "labels" {
          type    = map(string)
          default = {}
        }
    ''',
    "main.tf": '''
        resource "google_storage_bucket" "this" {
          name                        = var.name
          location                    = var.location
          uniform_bucket_level_access = var.uniform_access
          public_access_prevention    = var.public_read ? "inherited" : "enforced"
          labels                      = var.labels

          versioning {
            enabled = var.versioning
          }

          dynamic "logging" {
            for_each = var.log_bucket == "" ? [] : [var.log_bucket]
            content {
              log_bucket = logging.value
            }
          }

          dynamic "encryption" {
            for_each = var.kms_key == null ? [] : [var.kms_key]
            content {
              default_kms_key_name = encryption.value
            }
          }
        }

        resource "google_storage_bucket_iam_member" "public_read" {
          count = var.public_read ? 1 : 0

          bucket = google_storage_bucket.this.name
          role   = "roles/storage.objectViewer"
          member = "allUsers"
        }
    ''',
    "outputs.tf": '''
        output "name" {
          value = google_storage_bucket.this.name
        }

        output "url" {
          value = google_storage_bucket.this.url
        }
    ''',
}

BUCKET_MODULES = {"aws": AWS_BUCKET_MODULE, "azure": AZURE_BUCKET_MODULE, "gcp": GCP_BUCKET_MODULE}


# ---------------------------------------------------------------------------------------------
# AWS components


def aws_base(st: Stack, p: Piece) -> None:
    """The stack's own KMS key, used by the encrypted resources that follow."""
    rotate = st.ok(0.2)
    p.add("main.tf", hcl('''
        resource "aws_kms_key" "main" {
          description             = "Encrypts ${local.name_prefix} data at rest"
          deletion_window_in_days = §window
          enable_key_rotation     = §rotate
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              {
                Sid       = "AccountAdmin"
                Effect    = "Allow"
                Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
                Action    = "kms:*"
                Resource  = "*"
              },
              {
                Sid       = "AllowCloudWatchLogs"
                Effect    = "Allow"
                Principal = { Service = "logs.${var.region}.amazonaws.com" }
                Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
                Resource  = "*"
              }
            ]
          })
          tags = local.tags
        }

        resource "aws_kms_alias" "main" {
          name          = "alias/${local.name_prefix}"
          target_key_id = aws_kms_key.main.key_id
        }
    ''', window=st.pick([7, 30, 30]), rotate=rotate),
        {"aws_kms_key": 1, "aws_kms_alias": 1})
    st.features.add("kms")
    p.output("kms_key_arn", "aws_kms_key.main.arn", "ARN of the stack's KMS key.")


def aws_logs_bucket(st: Stack, p: Piece) -> None:
    """The stack's log bucket, through the child module."""
    versioning, pab, tls = st.ok(), st.ok(0.2), st.ok()
    days = st.pick([30, 90, 0])
    n = 3 + pab + tls + (days > 0)
    p.add("main.tf", hcl('''
        module "logs" {
          source = "./modules/bucket"

          bucket_name         = "${local.name_prefix}-logs"
          versioning          = §versioning
          block_public_access = §pab
          enforce_tls         = §tls
          noncurrent_days     = §days
          tags                = local.tags
        }
    ''', versioning=versioning, pab=pab, tls=tls, days=days), {"aws_s3_bucket* in ./modules/bucket": n})
    st.features.add("logs")
    p.output("log_bucket", "module.logs.bucket_id", "Bucket receiving the stack's access logs.")


def aws_bucket_module(st: Stack, p: Piece) -> None:
    lab = st.label(st.pick(WORDS))
    kms, versioning, pab, tls, logging = st.ok(), st.ok(), st.ok(0.2), st.ok(), st.ok()
    logging = logging and "logs" in st.features
    days = st.pick([30, 90, 365, 0])
    n = 3 + pab + tls + logging + (days > 0)
    p.add("main.tf", hcl('''
        module "§lab" {
          source = "./modules/bucket"

          bucket_name         = "${local.name_prefix}-§dash"
          versioning          = §versioning
        §kms
          block_public_access = §pab
        §logging
          enforce_tls         = §tls
          noncurrent_days     = §days
          force_destroy       = var.environment != "prod"
          tags                = merge(local.tags, { DataClass = "§cls" })
        }
    ''', lab=lab, dash=lab.replace("_", "-"), versioning=versioning,
        kms=opt(kms and "kms" in st.features, "  kms_key_arn         = aws_kms_key.main.arn"),
        pab=pab, logging=opt(logging, "  log_bucket          = module.logs.bucket_id"), tls=tls, days=days,
        cls=st.pick(["internal", "confidential", "public"])), {"aws_s3_bucket* in ./modules/bucket": n})
    p.output(f"{lab}_bucket_arn", f"module.{lab}.bucket_arn", f"ARN of the {lab} bucket.")


def aws_bucket_module_foreach(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["tenant_buckets", "partner_buckets", "region_buckets"]))
    var = f"{lab}"
    entries, n = {}, 0
    for i in range(st.rng.randint(2, 5)):
        e = {"versioning": st.ok(), "block_public_access": st.ok(0.2), "enforce_tls": st.ok(),
             "noncurrent_days": st.pick([0, 30, 90])}
        cost = 3 + e["block_public_access"] + e["enforce_tls"] + (e["noncurrent_days"] > 0)
        if n + cost > limit:
            break
        entries[f"{st.pick(WORDS)}-{i + 1}"] = e
        n += cost
    if not entries:
        return
    p.var(var, "map(object({\n    versioning          = bool\n    block_public_access = bool\n"
               "    enforce_tls         = bool\n    noncurrent_days     = number\n  }))", entries,
          description="Buckets created through the bucket module, by short name.")
    p.add("main.tf", hcl('''
        module "§lab" {
          source   = "./modules/bucket"
          for_each = var.§var

          bucket_name         = "${local.name_prefix}-${each.key}"
          versioning          = each.value.versioning
          block_public_access = each.value.block_public_access
          enforce_tls         = each.value.enforce_tls
          noncurrent_days     = each.value.noncurrent_days
        §kms
          tags                = local.tags
        }
    ''', lab=lab, var=var, kms=opt("kms" in st.features and st.ok(), "  kms_key_arn         = aws_kms_key.main.arn")),
        {"aws_s3_bucket* in ./modules/bucket": n})


def aws_buckets_foreach(st: Stack, p: Piece, limit: int) -> None:
    """Buckets straight in the root module, one for_each map driving the aws_s3_bucket_* resources."""
    lab = st.label(st.pick(["data", "artifacts", "exports", "uploads", "static"]))
    entries: dict[str, dict] = {}
    n = 0
    for i in range(st.rng.randint(2, 6)):
        e = {"versioning": st.ok(), "encrypted": st.ok(0.1), "public": not st.ok(0.3)}
        cost = 2 + e["encrypted"] + 1  # bucket, versioning, encryption if any, public access block or ACL
        if n + cost > limit:
            break
        entries[f"{st.pick(WORDS)}{i + 1}"] = e
        n += cost
    if not entries:
        return
    enc = sum(e["encrypted"] for e in entries.values())
    pub = sum(e["public"] for e in entries.values())
    p.var(f"{lab}_buckets", "map(object({\n    versioning = bool\n    encrypted  = bool\n    public     = bool\n  }))",
          entries, description=f"The {lab} buckets and how each is set up.")
    p.local(f"{lab}_buckets", f'{{ for k, v in var.{lab}_buckets : k => merge(v, {{ name = "${{local.name_prefix}}-{lab}-${{k}}" }}) }}')
    p.add("main.tf", hcl('''
        resource "aws_s3_bucket" "§lab" {
          for_each = local.§{lab}_buckets

          bucket = each.value.name
          tags   = merge(local.tags, { Bucket = each.key })
        }

        resource "aws_s3_bucket_versioning" "§lab" {
          for_each = aws_s3_bucket.§lab

          bucket = each.value.id
          versioning_configuration {
            status = local.§{lab}_buckets[each.key].versioning ? "Enabled" : "Disabled"
          }
        }

        resource "aws_s3_bucket_server_side_encryption_configuration" "§lab" {
          for_each = { for k, v in local.§{lab}_buckets : k => v if v.encrypted }

          bucket = aws_s3_bucket.§lab[each.key].id
          rule {
            apply_server_side_encryption_by_default {
              sse_algorithm     = "aws:kms"
              kms_master_key_id = §kms
            }
          }
        }

        resource "aws_s3_bucket_public_access_block" "§lab" {
          for_each = { for k, v in local.§{lab}_buckets : k => v if !v.public }

          bucket                  = aws_s3_bucket.§lab[each.key].id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = true
        }

        resource "aws_s3_bucket_acl" "§lab" {
          for_each = { for k, v in local.§{lab}_buckets : k => v if v.public }

          bucket = aws_s3_bucket.§lab[each.key].id
          acl    = "public-read"
        }
    ''', lab=lab, kms="aws_kms_key.main.arn" if "kms" in st.features else "null"),
        {"aws_s3_bucket": len(entries), "aws_s3_bucket_versioning": len(entries),
         "aws_s3_bucket_server_side_encryption_configuration": enc,
         "aws_s3_bucket_public_access_block": len(entries) - pub, "aws_s3_bucket_acl": pub})
    p.output(f"{lab}_bucket_names", f"[for b in aws_s3_bucket.{lab} : b.bucket]", f"Names of the {lab} buckets.")


def aws_security_group(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["web", "app", "db", "bastion", "internal", "api", "cache", "worker"]))
    rules = []
    for _ in range(st.rng.randint(1, 4)):
        port = st.pick([443, 443, 80, 8080, 22, 3389, 5432, 6379, 9200])
        wide = not st.ok(0.1) if port in (22, 3389, 5432, 6379, 9200) else st.chance(0.5)
        rules.append({"description": f"{'HTTPS' if port == 443 else 'Port ' + str(port)} from "
                                     f"{'anywhere' if wide else 'the VPC'}",
                      "port": port, "cidrs": ["0.0.0.0/0"] if wide else [st.pick(["10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12"])]})
    admin = [st.pick(OFFICE_CIDRS) if st.ok() else "0.0.0.0/0" for _ in range(st.rng.randint(0, 2))]
    vpc_rules = {}
    if st.chance(0.3):
        for name, port in st.rng.sample([("metrics", 9100), ("health", 8081), ("grpc", 50051), ("ssh", 22)], 2):
            vpc_rules[name] = {"port": port, "cidr": "10.0.0.0/8" if st.ok(0.2) else "0.0.0.0/0"}
    n = 1 + len(admin) + len(vpc_rules)
    if n > limit:
        return
    described = st.ok(0.2)
    p.var(f"{lab}_ingress", "list(object({\n    description = string\n    port        = number\n    cidrs       = list(string)\n  }))",
          rules, description=f"Ingress rules of the {lab} security group.")
    p.var(f"{lab}_admin_cidrs", "list(string)", admin, default=[], has_default=True,
          description="Networks allowed to reach SSH.")
    text = hcl('''
        resource "aws_security_group" "§lab" {
          name   = "${local.name_prefix}-§lab"
        §desc
          vpc_id = var.vpc_id

          dynamic "ingress" {
            for_each = var.§{lab}_ingress
            content {
              description = ingress.value.description
              from_port   = ingress.value.port
              to_port     = ingress.value.port
              protocol    = "tcp"
              cidr_blocks = ingress.value.cidrs
            }
          }

          egress {
            description = "All outbound traffic"
            from_port   = 0
            to_port     = 0
            protocol    = "-1"
            cidr_blocks = ["0.0.0.0/0"]
          }

          tags = merge(local.tags, { Name = "${local.name_prefix}-§lab" })

          lifecycle {
            create_before_destroy = true
          }
        }

        resource "aws_security_group_rule" "§{lab}_ssh" {
          count = length(var.§{lab}_admin_cidrs)

          type              = "ingress"
          description       = "SSH from admin network ${count.index}"
          security_group_id = aws_security_group.§lab.id
          from_port         = 22
          to_port           = 22
          protocol          = "tcp"
          cidr_blocks       = [var.§{lab}_admin_cidrs[count.index]]
        }
    ''', lab=lab, desc=opt(described, f'  description = "Traffic to the {lab} tier"'))
    if vpc_rules:
        p.local(f"{lab}_vpc_rules", lit(vpc_rules, 1))
        text += "\n" + hcl('''
            resource "aws_vpc_security_group_ingress_rule" "§lab" {
              for_each = local.§{lab}_vpc_rules

              security_group_id = aws_security_group.§lab.id
              description       = "${each.key} traffic"
              ip_protocol       = "tcp"
              from_port         = each.value.port
              to_port           = each.value.port
              cidr_ipv4         = each.value.cidr
            }
        ''', lab=lab)
    p.add("network.tf", text, {"aws_security_group": 1, "aws_security_group_rule": len(admin),
                               "aws_vpc_security_group_ingress_rule": len(vpc_rules)})
    p.output(f"{lab}_security_group_id", f"aws_security_group.{lab}.id", f"ID of the {lab} security group.")
    st.features.add("sg:" + lab)


def _sg_ref(st: Stack) -> str:
    groups = sorted(f[3:] for f in st.features if f.startswith("sg:"))
    return f"aws_security_group.{groups[0]}.id" if groups else "var.default_security_group_id"


def aws_rds(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["db", "main_db", "reporting_db", "orders_db"]))
    aurora = st.chance(0.3)
    replicas = st.rng.randint(1, 3) if aurora else 0
    n = 2 + replicas
    if n > limit:
        return
    encrypted, public, backup, protect, iam_auth, logs, managed_pw, pi = (
        st.ok(0.1), not st.ok(0.3), st.ok(), st.ok(), st.ok(-0.1), st.ok(), st.ok(), st.ok())
    engine = st.pick([("postgres", "16.3", ["postgresql", "upgrade"]), ("mysql", "8.0.36", ["audit", "error", "general", "slowquery"])])
    p.var(f"{lab}_instance_class", "string", st.pick(["db.t4g.medium", "db.r6g.large", "db.m6g.xlarge"]),
          description="Instance class of the database.")
    if not managed_pw:
        p.var(f"{lab}_password", "string", None, sensitive=True, in_tfvars=False,
              description="Master password; set through TF_VAR_" + lab + "_password.")
    common = dict(lab=lab, dash=lab.replace("_", "-"), sg=_sg_ref(st),
                  encrypted=encrypted, iam_auth=iam_auth, protect=protect,
                  retention=st.pick([7, 14, 35]) if backup else st.pick([0, 1]),
                  kms=opt(encrypted and "kms" in st.features, "  kms_key_id                          = aws_kms_key.main.arn"),
                  logs=opt(logs, f"  enabled_cloudwatch_logs_exports     = {lit(engine[2])}"),
                  pw=("  manage_master_user_password         = true" if managed_pw
                      else f"  password                            = var.{lab}_password"))
    text = hcl('''
        resource "aws_db_subnet_group" "§lab" {
          name       = "${local.name_prefix}-§dash"
          subnet_ids = var.private_subnet_ids
          tags       = local.tags
        }
    ''', **common) + "\n"
    if not aurora:
        text += hcl('''
            resource "aws_db_instance" "§lab" {
              identifier                          = "${local.name_prefix}-§dash"
              engine                              = "§engine"
              engine_version                      = "§version"
              instance_class                      = var.§{lab}_instance_class
              allocated_storage                   = §storage
              max_allocated_storage               = §maxstorage
              storage_type                        = "gp3"
              storage_encrypted                   = §encrypted
            §kms
              username                            = "app_admin"
            §pw
              db_subnet_group_name                = aws_db_subnet_group.§lab.name
              vpc_security_group_ids              = [§sg]
              publicly_accessible                 = §public
              multi_az                            = var.environment == "prod" ? §multiaz : false
              backup_retention_period             = §retention
              deletion_protection                 = §protect
              iam_database_authentication_enabled = §iam_auth
              auto_minor_version_upgrade          = §minor
              copy_tags_to_snapshot               = §copytags
              monitoring_interval                 = §monitoring
            §monrole
              performance_insights_enabled        = §pi
            §pikms
            §logs
              skip_final_snapshot                 = var.environment != "prod"
              final_snapshot_identifier           = "${local.name_prefix}-§dash-final"
              tags                                = local.tags
            }
        ''', engine=engine[0], version=engine[1], storage=st.pick([20, 50, 100, 200]),
            maxstorage=st.pick([200, 500, 1000]), public=public, multiaz=st.ok(), minor=st.ok(0.2),
            copytags=st.ok(), monitoring=(60 if st.ok() else 0),
            monrole=opt(True, "  monitoring_role_arn                 = var.rds_monitoring_role_arn"),
            pi=pi, pikms=opt(pi and "kms" in st.features, "  performance_insights_kms_key_id     = aws_kms_key.main.arn"),
            **common)
        counts = {"aws_db_subnet_group": 1, "aws_db_instance": 1}
        st.features.add("rds_monitoring")
    else:
        p.var(f"{lab}_instances", "number", replicas, default=2, has_default=True,
              description="Instances in the Aurora cluster.",
              validation=(f"var.{lab}_instances >= 1 && var.{lab}_instances <= 15", "Between 1 and 15 instances."))
        text += hcl('''
            resource "aws_rds_cluster" "§lab" {
              cluster_identifier                  = "${local.name_prefix}-§dash"
              engine                              = "aurora-§engine"
              engine_mode                         = "provisioned"
              master_username                     = "app_admin"
            §pw
              db_subnet_group_name                = aws_db_subnet_group.§lab.name
              vpc_security_group_ids              = [§sg]
              storage_encrypted                   = §encrypted
            §kms
              backup_retention_period             = §retention
              deletion_protection                 = §protect
              iam_database_authentication_enabled = §iam_auth
              copy_tags_to_snapshot               = true
            §logs
              skip_final_snapshot                 = var.environment != "prod"
              tags                                = local.tags
            }

            resource "aws_rds_cluster_instance" "§lab" {
              count = var.§{lab}_instances

              identifier                   = "${local.name_prefix}-§dash-${count.index}"
              cluster_identifier           = aws_rds_cluster.§lab.id
              instance_class               = var.§{lab}_instance_class
              engine                       = aws_rds_cluster.§lab.engine
              publicly_accessible          = §public
              auto_minor_version_upgrade   = §minor
              performance_insights_enabled = §pi
              monitoring_interval          = §monitoring
              monitoring_role_arn          = var.rds_monitoring_role_arn
            }
        ''', engine="postgresql" if engine[0] == "postgres" else "mysql", public=public, minor=st.ok(0.2),
            pi=pi, monitoring=(60 if st.ok() else 0), **common)
        counts = {"aws_db_subnet_group": 1, "aws_rds_cluster": 1, "aws_rds_cluster_instance": replicas}
        st.features.add("rds_monitoring")
    p.add("main.tf", text, counts)
    p.output(f"{lab}_endpoint", f"aws_{'rds_cluster' if aurora else 'db_instance'}.{lab}.endpoint",
             f"Endpoint of the {lab} database.")


ASSUME = '''
    <<-EOF
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Principal": { §principal },
            "Action": "sts:AssumeRole"
          }
        ]
      }
    EOF'''


def assume_heredoc(principal: str) -> str:
    """A trust policy written as a heredoc of JSON, indented to sit after `assume_role_policy =`."""
    body = _Template(textwrap.dedent(ASSUME).strip("\n")).substitute(principal=principal)
    lines = body.split("\n")
    return lines[0] + "\n" + "\n".join("  " + line for line in lines[1:])


def aws_eks(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["eks", "cluster", "k8s"]))
    groups = {}
    for name in st.rng.sample(["general", "spot", "system", "gpu", "batch"], st.rng.randint(1, 3)):
        groups[name] = {"instance_types": [st.pick(["m6i.large", "m7g.xlarge", "c6i.2xlarge", "t3.large"])],
                        "min": 1, "max": st.pick([3, 5, 10]), "desired": 2, "capacity": "SPOT" if name == "spot" else "ON_DEMAND"}
    addons = st.chance(0.6)
    n = 1 + 2 + 1 + 1 + 3 + len(groups) + (3 if addons else 0)
    if n > limit:
        return
    public, logs, secrets = not st.ok(0.1), st.ok(), st.ok()
    p.var(f"{lab}_version", "string", st.pick(["1.28", "1.29", "1.30"]), description="Kubernetes version.")
    p.var(f"{lab}_public_access_cidrs", "list(string)",
          [st.pick(OFFICE_CIDRS)] if st.ok() else ["0.0.0.0/0"], default=["0.0.0.0/0"], has_default=True,
          description="Networks allowed to reach the public API endpoint.")
    p.var(f"{lab}_node_groups", "map(object({\n    instance_types = list(string)\n    min            = number\n"
          "    max            = number\n    desired        = number\n    capacity       = string\n  }))", groups,
          description="Managed node groups.")
    p.var(f"{lab}_log_types", "list(string)",
          ["api", "audit", "authenticator", "controllerManager", "scheduler"] if logs else ["api"],
          default=[], has_default=True, description="Control plane logs sent to CloudWatch.")
    p.add("iam.tf", hcl('''
        data "aws_iam_policy_document" "§{lab}_assume" {
          statement {
            actions = ["sts:AssumeRole"]

            principals {
              type        = "Service"
              identifiers = ["eks.amazonaws.com"]
            }
          }
        }

        resource "aws_iam_role" "§{lab}_cluster" {
          name               = "${local.name_prefix}-§lab-cluster"
          assume_role_policy = data.aws_iam_policy_document.§{lab}_assume.json
          tags               = local.tags
        }

        resource "aws_iam_role_policy_attachment" "§{lab}_cluster" {
          for_each = toset([
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController",
          ])

          role       = aws_iam_role.§{lab}_cluster.name
          policy_arn = each.value
        }

        resource "aws_iam_role" "§{lab}_nodes" {
          name               = "${local.name_prefix}-§lab-nodes"
          assume_role_policy = §assume
        }

        resource "aws_iam_role_policy_attachment" "§{lab}_nodes" {
          count = length(local.§{lab}_node_policies)

          role       = aws_iam_role.§{lab}_nodes.name
          policy_arn = "arn:aws:iam::aws:policy/${local.§{lab}_node_policies[count.index]}"
        }
    ''', lab=lab, assume=assume_heredoc('"Service": "ec2.amazonaws.com"')),
        {"aws_iam_role": 2, "aws_iam_role_policy_attachment": 5})
    p.local(f"{lab}_node_policies", '["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"]')
    text = hcl('''
        resource "aws_eks_cluster" "§lab" {
          name     = "${local.name_prefix}-§lab"
          role_arn = aws_iam_role.§{lab}_cluster.arn
          version  = var.§{lab}_version

          vpc_config {
            subnet_ids              = var.private_subnet_ids
            endpoint_private_access = true
            endpoint_public_access  = §public
            public_access_cidrs     = var.§{lab}_public_access_cidrs
          }

          enabled_cluster_log_types = var.§{lab}_log_types

          dynamic "encryption_config" {
            for_each = §secrets
            content {
              resources = ["secrets"]
              provider {
                key_arn = encryption_config.value
              }
            }
          }

          access_config {
            authentication_mode = "API_AND_CONFIG_MAP"
          }

          tags = local.tags

          depends_on = [aws_iam_role_policy_attachment.§{lab}_cluster]
        }

        resource "aws_eks_node_group" "§lab" {
          for_each = var.§{lab}_node_groups

          cluster_name    = aws_eks_cluster.§lab.name
          node_group_name = each.key
          node_role_arn   = aws_iam_role.§{lab}_nodes.arn
          subnet_ids      = var.private_subnet_ids
          instance_types  = each.value.instance_types
          capacity_type   = each.value.capacity

          scaling_config {
            min_size     = each.value.min
            max_size     = each.value.max
            desired_size = each.value.desired
          }

          update_config {
            max_unavailable = 1
          }
        §remote
          labels = { pool = each.key }
        }
    ''', lab=lab, public=public,
        secrets="[aws_kms_key.main.arn]" if secrets and "kms" in st.features else "[]",
        remote=opt(not st.ok(0.2), indent('''
            remote_access {
              ec2_ssh_key = "ops"
            }
        ''', 2)))
    if addons:
        text += "\n" + hcl('''
            resource "aws_eks_addon" "§lab" {
              for_each = toset(["vpc-cni", "coredns", "kube-proxy"])

              cluster_name                = aws_eks_cluster.§lab.name
              addon_name                  = each.key
              resolve_conflicts_on_update = "OVERWRITE"
            }
        ''', lab=lab)
    p.add("main.tf", text, {"aws_eks_cluster": 1, "aws_eks_node_group": len(groups), "aws_eks_addon": 3 if addons else 0})
    p.output(f"{lab}_endpoint", f"aws_eks_cluster.{lab}.endpoint", "API endpoint of the cluster.")
    p.output(f"{lab}_oidc_issuer", f"aws_eks_cluster.{lab}.identity[0].oidc[0].issuer", "OIDC issuer of the cluster.")


def aws_iam(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["deployer", "reader", "ci", "etl", "backup", "analytics", "support"]))
    user = st.chance(0.25)
    n = 4 + (2 if user else 0)
    if n > limit:
        return
    st.features.add("caller")
    broad = not st.ok()
    statements = [
        '''{
              Sid      = "ReadObjects"
              Effect   = "Allow"
              Action   = ["s3:GetObject", "s3:ListBucket"]
              Resource = ["arn:aws:s3:::${local.name_prefix}-*", "arn:aws:s3:::${local.name_prefix}-*/*"]
            }''',
    ]
    if broad:
        action, resource = st.pick([('"*"', '"*"'), ('["s3:*", "iam:PassRole"]', '"*"'),
                                    ('["ec2:*"]', '"*"'), ('["iam:*"]', '"*"'), ('["kms:Decrypt", "secretsmanager:*"]', '"*"')])
        statements.append(f'''{{
              Sid      = "Operations"
              Effect   = "Allow"
              Action   = {action}
              Resource = {resource}
            }}''')
    else:
        statements.append('''{
              Sid      = "Parameters"
              Effect   = "Allow"
              Action   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
              Resource = "arn:aws:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter/${local.name_prefix}/*"
            }''')
    trusted = st.pick(['"Service": "ec2.amazonaws.com"', '"Service": "ecs-tasks.amazonaws.com"',
                       '"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"'])
    if not st.ok(0.2):
        trusted = '"AWS": "*"'
    inline = {}
    for sid, acts, res in st.rng.sample([
            ("Queue", ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], ["arn:aws:sqs:*:*:app-*"]),
            ("Logs", ["logs:CreateLogStream", "logs:PutLogEvents"], ["*"]),
            ("Secrets", ["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:*:*:secret:app/*"]),
            ("Table", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], ["arn:aws:dynamodb:*:*:table/app-*"])],
            st.rng.randint(1, 3)):
        inline[sid] = {"actions": acts, "resources": res}
    if not st.ok():
        inline["Admin"] = {"actions": [st.pick(["*", "iam:*", "s3:*", "kms:*", "sts:AssumeRole"])], "resources": ["*"]}
    p.var(f"{lab}_statements", "map(object({\n    actions   = list(string)\n    resources = list(string)\n  }))",
          inline, description=f"Extra permissions of the {lab} role, by statement id.")
    text = hcl('''
        resource "aws_iam_policy" "§lab" {
          name        = "${local.name_prefix}-§lab"
          description = "Permissions of the §lab role"
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              §statements
            ]
          })
        }

        resource "aws_iam_role" "§lab" {
          name                 = "${local.name_prefix}-§lab"
          max_session_duration = §session
          assume_role_policy   = §assume
          tags                 = local.tags
        }

        resource "aws_iam_role_policy_attachment" "§lab" {
          role       = aws_iam_role.§lab.name
          policy_arn = aws_iam_policy.§lab.arn
        }

        data "aws_iam_policy_document" "§{lab}_inline" {
          dynamic "statement" {
            for_each = var.§{lab}_statements
            content {
              sid       = statement.key
              effect    = "Allow"
              actions   = statement.value.actions
              resources = statement.value.resources
            }
          }
        }

        resource "aws_iam_role_policy" "§{lab}_inline" {
          name   = "inline"
          role   = aws_iam_role.§lab.id
          policy = data.aws_iam_policy_document.§{lab}_inline.json
        }
    ''', lab=lab, statements=",\n      ".join(re.sub(r"\n {6}", "\n", x) for x in statements), session=st.pick([3600, 3600, 43200]),
        assume=assume_heredoc(trusted))
    counts = {"aws_iam_policy": 1, "aws_iam_role": 1, "aws_iam_role_policy_attachment": 1, "aws_iam_role_policy": 1}
    if user:
        text += "\n" + hcl('''
            resource "aws_iam_user" "§lab" {
              name          = "${local.name_prefix}-§lab"
              force_destroy = true
              tags          = local.tags
            }

            resource "aws_iam_user_policy_attachment" "§lab" {
              user       = aws_iam_user.§lab.name
              policy_arn = aws_iam_policy.§lab.arn
            }
        ''', lab=lab)
        counts |= {"aws_iam_user": 1, "aws_iam_user_policy_attachment": 1}
    p.add("iam.tf", text, counts)
    p.output(f"{lab}_role_arn", f"aws_iam_role.{lab}.arn", f"ARN of the {lab} role.")


def aws_cloudtrail(st: Stack, p: Piece, limit: int) -> None:
    if "trail" in st.features or limit < 2:
        return
    st.features.add("trail")
    kms = st.ok() and "kms" in st.features
    p.var("trail_data_events", "bool", st.ok(), default=False, has_default=True,
          description="Record S3 object-level events.")
    bucket = "module.logs.bucket_id" if "logs" in st.features else "var.trail_bucket"
    if "logs" not in st.features:
        p.var("trail_bucket", "string", f"org-cloudtrail-{st.pick(['central', 'audit', 'security'])}",
              description="Central bucket receiving the trail.")
    p.add("main.tf", hcl('''
        resource "aws_cloudwatch_log_group" "trail" {
          name              = "/aws/cloudtrail/${local.name_prefix}"
          retention_in_days = §retention
        §kms
        }

        resource "aws_cloudtrail" "main" {
          name                          = "${local.name_prefix}-trail"
          s3_bucket_name                = §bucket
          include_global_service_events = true
          is_multi_region_trail         = §multi
          enable_log_file_validation    = §validation
        §trailkms
          cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
          cloud_watch_logs_role_arn     = var.trail_logs_role_arn
        §sns

          dynamic "event_selector" {
            for_each = var.trail_data_events ? [1] : []
            content {
              read_write_type           = "All"
              include_management_events = true

              data_resource {
                type   = "AWS::S3::Object"
                values = ["arn:aws:s3"]
              }
            }
          }

          tags = local.tags
        }
    ''', retention=st.pick([365, 400]) if st.ok() else st.pick([0, 7, 30]),
        kms=opt(st.ok() and "kms" in st.features, "  kms_key_id        = aws_kms_key.main.arn"),
        bucket=bucket, multi=st.ok(), validation=st.ok(),
        trailkms=opt(kms, "  kms_key_id                    = aws_kms_key.main.arn"),
        sns=opt(st.ok(), '  sns_topic_name                = "security-alerts"')),
        {"aws_cloudwatch_log_group": 1, "aws_cloudtrail": 1})
    p.var("trail_logs_role_arn", "string", f"arn:aws:iam::{st.rng.randint(10**11, 10**12 - 1)}:role/cloudtrail-to-cloudwatch",
          description="Role CloudTrail assumes to write to CloudWatch Logs.")


def aws_ec2(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["bastion", "worker", "runner", "proxy", "legacy_app", "jumpbox"]))
    count = st.rng.randint(1, 3)
    volumes = st.chance(0.6)
    while count > 0 and count * (3 if volumes else 1) > limit:
        count -= 1
    if count == 0:
        return
    st.features.add("ami")
    p.var(f"{lab}_count", "number", count, default=1, has_default=True, description=f"Number of {lab} instances.")
    p.var(f"{lab}_instance_type", "string", st.pick(["t3.micro", "t3.small", "m6i.large", "c6i.large"]),
          description="EC2 instance type.")
    imdsv2, root_enc, vol_enc = st.ok(), st.ok(0.1), st.ok(0.1)
    text = hcl('''
        resource "aws_instance" "§lab" {
          count = var.§{lab}_count

          ami                         = data.aws_ami.al2023.id
          instance_type               = var.§{lab}_instance_type
          subnet_id                   = element(var.private_subnet_ids, count.index)
          vpc_security_group_ids      = [§sg]
          iam_instance_profile        = var.instance_profile_name
          associate_public_ip_address = §public
          monitoring                  = §monitoring
          ebs_optimized               = §ebsopt

          metadata_options {
            http_endpoint               = "enabled"
            http_tokens                 = "§tokens"
            http_put_response_hop_limit = §hops
          }

          root_block_device {
            volume_type = "gp3"
            volume_size = §size
            encrypted   = §rootenc
          }

          user_data = <<-EOT
            #!/bin/bash
            set -euo pipefail
            dnf install -y amazon-cloudwatch-agent
            echo "${local.name_prefix}-§lab-${count.index}" > /etc/hostname
          EOT

          tags = merge(local.tags, { Name = "${local.name_prefix}-§lab-${count.index}" })
        }
    ''', lab=lab, sg=_sg_ref(st), public=not st.ok(0.2), monitoring=st.ok(), ebsopt=st.ok(0.1),
        tokens="required" if imdsv2 else "optional", hops=st.pick([1, 2]), size=st.pick([20, 30, 50]),
        rootenc=root_enc)
    counts = {"aws_instance": count}
    if volumes:
        text += "\n" + hcl('''
            resource "aws_ebs_volume" "§{lab}_data" {
              count = var.§{lab}_count

              availability_zone = aws_instance.§lab[count.index].availability_zone
              size              = §size
              type              = "gp3"
              encrypted         = §enc
            §kms
              tags              = merge(local.tags, { Name = "${local.name_prefix}-§lab-data-${count.index}" })
            }

            resource "aws_volume_attachment" "§{lab}_data" {
              count = var.§{lab}_count

              device_name = "/dev/sdf"
              volume_id   = aws_ebs_volume.§{lab}_data[count.index].id
              instance_id = aws_instance.§lab[count.index].id
            }
        ''', lab=lab, size=st.pick([100, 250, 500]), enc=vol_enc,
            kms=opt(vol_enc and "kms" in st.features, "  kms_key_id        = aws_kms_key.main.arn"))
        counts |= {"aws_ebs_volume": count, "aws_volume_attachment": count}
    p.add("main.tf", text, counts)
    p.output(f"{lab}_private_ips", f"aws_instance.{lab}[*].private_ip", f"Private addresses of the {lab} instances.")


def aws_alb(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["alb", "public_lb", "internal_lb", "api_lb"]))
    https = st.ok(0.1)
    n = 3 + https
    if n > limit:
        return
    access_logs = st.ok() and "logs" in st.features
    p.add("main.tf", hcl('''
        resource "aws_lb" "§lab" {
          name                       = "${local.name_prefix}-§dash"
          internal                   = §internal
          load_balancer_type         = "application"
          security_groups            = [§sg]
          subnets                    = var.public_subnet_ids
          drop_invalid_header_fields = §drop
          enable_deletion_protection = §protect

        §logs

          tags = local.tags
        }

        resource "aws_lb_target_group" "§lab" {
          name     = "${local.name_prefix}-§dash"
          port     = 8080
          protocol = "HTTP"
          vpc_id   = var.vpc_id

          health_check {
            path                = "/healthz"
            healthy_threshold   = 2
            unhealthy_threshold = 3
          }
        }

        resource "aws_lb_listener" "§{lab}_http" {
          load_balancer_arn = aws_lb.§lab.arn
          port              = 80
          protocol          = "HTTP"

        §action
        }
    ''', lab=lab, dash=lab.replace("_", "-"), internal=st.chance(0.4), sg=_sg_ref(st), drop=st.ok(),
        protect=st.ok(),
        logs=opt("logs" in st.features, indent(f'''
            access_logs {{
              bucket  = module.logs.bucket_id
              prefix  = "alb/{lab.replace("_", "-")}"
              enabled = {lit(access_logs)}
            }}

        ''', 2)),
        action=indent('''
            default_action {
              type = "redirect"

              redirect {
                port        = "443"
                protocol    = "HTTPS"
                status_code = "HTTP_301"
              }
            }
        ''' if https else f'''
            default_action {{
              type             = "forward"
              target_group_arn = aws_lb_target_group.{lab}.arn
            }}
        ''', 2)) + ("\n" + hcl('''
        resource "aws_lb_listener" "§{lab}_https" {
          load_balancer_arn = aws_lb.§lab.arn
          port              = 443
          protocol          = "HTTPS"
          ssl_policy        = "§policy"
          certificate_arn   = var.certificate_arn

          default_action {
            type             = "forward"
            target_group_arn = aws_lb_target_group.§lab.arn
          }
        }
    ''', lab=lab, policy="ELBSecurityPolicy-TLS13-1-2-2021-06" if st.ok() else "ELBSecurityPolicy-2016-08")
        if https else ""),
        {"aws_lb": 1, "aws_lb_target_group": 1, "aws_lb_listener": 1 + https})
    st.features.add("certificate")
    p.output(f"{lab}_dns_name", f"aws_lb.{lab}.dns_name", "DNS name of the load balancer.")


def aws_classic_elb(st: Stack, p: Piece, limit: int) -> None:
    if limit < 1:
        return
    lab = st.label(st.pick(["legacy_elb", "classic_lb"]))
    https = st.ok()
    p.add("main.tf", hcl('''
        resource "aws_elb" "§lab" {
          name            = "${local.name_prefix}-§dash"
          subnets         = var.public_subnet_ids
          security_groups = [§sg]

          listener {
            instance_port     = 8080
            instance_protocol = "http"
            lb_port           = §port
            lb_protocol       = "§proto"
        §cert
          }

        §logs

          health_check {
            healthy_threshold   = 2
            unhealthy_threshold = 2
            timeout             = 3
            target              = "HTTP:8080/healthz"
            interval            = 30
          }

          cross_zone_load_balancing   = true
          connection_draining         = §draining
          connection_draining_timeout = 300
          tags                        = local.tags
        }
    ''', lab=lab, dash=lab.replace("_", "-"), sg=_sg_ref(st), port=443 if https else 80,
        proto="https" if https else "http",
        cert=opt(https, "    ssl_certificate_id = var.certificate_arn"),
        logs=opt(st.ok() and "logs" in st.features, indent('''
            access_logs {
              bucket        = module.logs.bucket_id
              bucket_prefix = "elb"
              interval      = 60
            }
        ''', 2)), draining=st.ok()), {"aws_elb": 1})
    st.features.add("certificate")


def aws_lambda(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["functions", "handlers", "jobs", "hooks"]))
    fns = {}
    n = 2
    for name in st.rng.sample(["resize", "notify", "ingest", "cleanup", "export", "webhook", "sync"], st.rng.randint(1, 4)):
        if n + 3 > limit:
            break
        fns[name] = {"handler": f"{name}.handler", "memory": st.pick([128, 256, 512, 1024]),
                     "tracing": st.ok(), "in_vpc": st.ok(), "concurrency": st.pick([5, 10, 50]) if st.ok() else -1}
        n += 3
    if not fns:
        return
    kms, dlq, permission_scoped = st.ok() and "kms" in st.features, st.ok(), st.ok(0.2)
    p.var(f"{lab}", "map(object({\n    handler     = string\n    memory      = number\n    tracing     = bool\n"
          "    in_vpc      = bool\n    concurrency = number\n  }))", fns, description="Lambda functions of this service.")
    if dlq:
        p.var(f"{lab}_dead_letter_arn", "string", f"arn:aws:sqs:{st.region}:{st.rng.randint(10**11, 10**12 - 1)}:{st.service}-dlq",
              description="Queue receiving failed asynchronous invocations.")
    p.add("main.tf", hcl('''
        resource "aws_iam_role" "§lab" {
          name               = "${local.name_prefix}-§lab"
          assume_role_policy = §assume
        }

        resource "aws_iam_role_policy_attachment" "§lab" {
          role       = aws_iam_role.§lab.name
          policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
        }

        resource "aws_lambda_function" "§lab" {
          for_each = var.§lab

          function_name                  = "${local.name_prefix}-${each.key}"
          role                           = aws_iam_role.§lab.arn
          handler                        = each.value.handler
          runtime                        = "§runtime"
          filename                       = "${path.module}/build/${each.key}.zip"
          memory_size                    = each.value.memory
          timeout                        = 30
          reserved_concurrent_executions = each.value.concurrency
        §kms

          tracing_config {
            mode = each.value.tracing ? "Active" : "PassThrough"
          }

          dynamic "vpc_config" {
            for_each = each.value.in_vpc ? [1] : []
            content {
              subnet_ids         = var.private_subnet_ids
              security_group_ids = [§sg]
            }
          }
        §dlq

          environment {
            variables = {
              LOG_LEVEL   = var.environment == "prod" ? "info" : "debug"
              ENVIRONMENT = var.environment
              SERVICE     = "§service"
            }
          }

          tags = local.tags
        }

        resource "aws_lambda_permission" "§lab" {
          for_each = aws_lambda_function.§lab

          statement_id  = "AllowInvokeFromS3"
          action        = "lambda:InvokeFunction"
          function_name = each.value.function_name
          principal     = "s3.amazonaws.com"
        §source
        }

        resource "aws_cloudwatch_log_group" "§lab" {
          for_each = var.§lab

          name              = "/aws/lambda/${local.name_prefix}-${each.key}"
          retention_in_days = §retention
        §lgkms
        }
    ''', lab=lab, assume=assume_heredoc('"Service": "lambda.amazonaws.com"'),
        runtime=st.pick(["python3.12", "nodejs20.x", "python3.11", "java21"]) if st.ok(0.3) else st.pick(["python3.7", "nodejs14.x"]),
        kms=opt(kms, "  kms_key_arn                    = aws_kms_key.main.arn"), sg=_sg_ref(st),
        dlq=opt(dlq, indent(f'''

            dead_letter_config {{
              target_arn = var.{lab}_dead_letter_arn
            }}
        ''', 2)), service=st.service,
        source=opt(permission_scoped, '  source_account = data.aws_caller_identity.current.account_id'),
        retention=st.pick([14, 30, 365]) if st.ok() else 0,
        lgkms=opt(st.ok() and "kms" in st.features, "  kms_key_id        = aws_kms_key.main.arn")),
        {"aws_iam_role": 1, "aws_iam_role_policy_attachment": 1, "aws_lambda_function": len(fns),
         "aws_lambda_permission": len(fns), "aws_cloudwatch_log_group": len(fns)})
    st.features.add("caller")
    p.output(f"{lab}_arns", f"{{ for k, f in aws_lambda_function.{lab} : k => f.arn }}", "ARN of each function.")


def aws_filler(st: Stack, p: Piece) -> None:
    """One resource of a common kind, used to round the stack to its size."""
    kind = st.pick(["log_group", "sns", "sqs", "ecr", "dynamodb", "ssm", "secret"])
    lab = st.label(st.pick(WORDS))
    kms = "aws_kms_key.main.arn" if "kms" in st.features else '"alias/aws/sns"'
    if kind == "log_group":
        text = hcl('''
            resource "aws_cloudwatch_log_group" "§lab" {
              name              = "/§service/§lab"
              retention_in_days = §retention
            §kms
            }
        ''', lab=lab, service=st.service, retention=st.pick([30, 90, 365]) if st.ok() else 0,
            kms=opt(st.ok() and "kms" in st.features, "  kms_key_id        = aws_kms_key.main.arn"))
        t = "aws_cloudwatch_log_group"
    elif kind == "sns":
        text = hcl('''
            resource "aws_sns_topic" "§lab" {
              name = "${local.name_prefix}-§dash"
            §kms
            }
        ''', lab=lab, dash=lab.replace("_", "-"), kms=opt(st.ok(), f"  kms_master_key_id = {kms}"))
        t = "aws_sns_topic"
    elif kind == "sqs":
        good = st.ok()
        text = hcl('''
            resource "aws_sqs_queue" "§lab" {
              name                       = "${local.name_prefix}-§dash"
              visibility_timeout_seconds = 60
              message_retention_seconds  = 1209600
              sqs_managed_sse_enabled    = §sse
            }
        ''', lab=lab, dash=lab.replace("_", "-"), sse=good)
        t = "aws_sqs_queue"
    elif kind == "ecr":
        text = hcl('''
            resource "aws_ecr_repository" "§lab" {
              name                 = "§service/§lab"
              image_tag_mutability = "§mut"

              image_scanning_configuration {
                scan_on_push = §scan
              }
            §enc
            }
        ''', lab=lab, service=st.service, mut="IMMUTABLE" if st.ok() else "MUTABLE", scan=st.ok(),
            enc=opt(st.ok() and "kms" in st.features, indent('''

                encryption_configuration {
                  encryption_type = "KMS"
                  kms_key         = aws_kms_key.main.arn
                }
            ''', 2)))
        t = "aws_ecr_repository"
    elif kind == "dynamodb":
        text = hcl('''
            resource "aws_dynamodb_table" "§lab" {
              name         = "${local.name_prefix}-§dash"
              billing_mode = "PAY_PER_REQUEST"
              hash_key     = "pk"
              range_key    = "sk"

              attribute {
                name = "pk"
                type = "S"
              }

              attribute {
                name = "sk"
                type = "S"
              }

              point_in_time_recovery {
                enabled = §pitr
              }
            §sse
              tags = local.tags
            }
        ''', lab=lab, dash=lab.replace("_", "-"), pitr=st.ok(),
            sse=opt(st.ok() and "kms" in st.features, indent('''

                server_side_encryption {
                  enabled     = true
                  kms_key_arn = aws_kms_key.main.arn
                }

            ''', 2)))
        t = "aws_dynamodb_table"
    elif kind == "ssm":
        secure = st.ok()
        text = hcl('''
            resource "aws_ssm_parameter" "§lab" {
              name  = "/${local.name_prefix}/§lab"
              type  = "§type"
              value = "§value"
            §kms
            }
        ''', lab=lab, type="SecureString" if secure else "String",
            value=f"https://{st.service}.{st.env}.internal.example.com",
            kms=opt(secure and "kms" in st.features, "  key_id = aws_kms_key.main.key_id"))
        t = "aws_ssm_parameter"
    else:
        text = hcl('''
            resource "aws_secretsmanager_secret" "§lab" {
              name                    = "${local.name_prefix}/§lab"
              recovery_window_in_days = §window
            §kms
            }
        ''', lab=lab, window=st.pick([7, 30]),
            kms=opt(st.ok() and "kms" in st.features, "  kms_key_id              = aws_kms_key.main.arn"))
        t = "aws_secretsmanager_secret"
    p.add("main.tf", text, {t: 1})


# ---------------------------------------------------------------------------------------------
# Azure components


def az_base(st: Stack, p: Piece) -> None:
    p.add("main.tf", hcl('''
        resource "azurerm_resource_group" "main" {
          name     = "rg-${local.name_prefix}"
          location = var.location
          tags     = local.tags
        }
    '''), {"azurerm_resource_group": 1})
    st.features.add("rg")


def _az_name(st: Stack, suffix: str) -> str:
    raw = re.sub(r"[^a-z0-9]", "", f"st{st.team}{st.service}{st.env}{suffix}")
    return raw[:24]


def az_storage_module(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["storage", "assets", "backups", "exports"]))
    containers = {}
    for c in st.rng.sample(["uploads", "reports", "images", "exports", "logs", "tmp"], st.rng.randint(0, 3)):
        containers[c] = "private" if st.ok(0.2) else st.pick(["blob", "container"])
    n = 1 + len(containers)
    if n > limit:
        return
    p.add("main.tf", hcl('''
        module "§lab" {
          source = "./modules/bucket"

          name                = "§name"
          resource_group_name = azurerm_resource_group.main.name
          location            = azurerm_resource_group.main.location
          replication_type    = "§repl"
          min_tls_version     = "§tls"
          https_only          = §https
          allow_public_blobs  = §public
          allowed_ips         = §ips
          containers          = §containers
          tags                = local.tags
        }
    ''', lab=lab, name=_az_name(st, lab[:4]), repl="GRS" if st.ok() else "LRS", tls="TLS1_2" if st.ok(0.1) else "TLS1_0",
        https=st.ok(0.2), public=not st.ok(), ips=lit([st.pick(OFFICE_CIDRS)] if st.ok() else []),
        containers=lit(containers, 1)), {"azurerm_storage_* in ./modules/bucket": n})


def az_storage_foreach(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label("accounts")
    accounts, n = {}, 0
    for i in range(st.rng.randint(1, 3)):
        cs = st.rng.sample(["raw", "curated", "archive", "staging"], st.rng.randint(1, 3))
        if n + 1 + len(cs) > limit:
            break
        accounts[f"{st.pick(['lake', 'media', 'diag', 'share'])}{i + 1}"] = {
            "tier": "Standard", "replication": "ZRS" if st.ok() else "LRS", "tls": "TLS1_2" if st.ok(0.1) else "TLS1_1",
            "public": not st.ok(), "containers": cs}
        n += 1 + len(cs)
    if not accounts:
        return
    p.var(f"storage_{lab}",
          "map(object({\n    tier        = string\n    replication = string\n    tls         = string\n"
          "    public      = bool\n    containers  = list(string)\n  }))", accounts,
          description="Extra storage accounts, by short name.")
    p.local(f"{lab}_containers", hcl('''
        {
            for pair in flatten([
              for sa, cfg in var.storage_§lab : [
                for c in cfg.containers : { account = sa, name = c }
              ]
            ]) : "${pair.account}/${pair.name}" => pair
          }''', lab=lab).rstrip("\n"))
    p.add("main.tf", hcl('''
        resource "azurerm_storage_account" "§lab" {
          for_each = var.storage_§lab

          name                            = substr(replace("st${local.name_prefix}${each.key}", "-", ""), 0, 24)
          resource_group_name             = azurerm_resource_group.main.name
          location                        = azurerm_resource_group.main.location
          account_tier                    = each.value.tier
          account_replication_type        = each.value.replication
          min_tls_version                 = each.value.tls
          allow_nested_items_to_be_public = each.value.public
          public_network_access_enabled   = §pna
        §cmk
          tags = local.tags
        }

        resource "azurerm_storage_container" "§lab" {
          for_each = local.§{lab}_containers

          name                  = each.value.name
          storage_account_name  = azurerm_storage_account.§lab[each.value.account].name
          container_access_type = "private"
        }
    ''', lab=lab, pna=not st.ok(0.1),
        cmk=opt(st.ok(), indent('''
            identity {
              type = "SystemAssigned"
            }

            queue_properties {
              logging {
                delete                = true
                read                  = true
                write                 = true
                version               = "1.0"
                retention_policy_days = 10
              }
            }
        ''', 2))),
        {"azurerm_storage_account": len(accounts), "azurerm_storage_container": n - len(accounts)})


def az_keyvault(st: Stack, p: Piece, limit: int) -> None:
    if limit < 3 or "kv" in st.features:
        return
    st.features |= {"kv", "client"}
    p.var("key_vault_allowed_ips", "list(string)", [st.pick(OFFICE_CIDRS)] if st.ok() else [],
          default=[], has_default=True, description="Addresses allowed to reach the key vault.")
    p.add("security.tf", hcl('''
        resource "azurerm_key_vault" "main" {
          name                          = "kv-${substr(local.name_prefix, 0, 20)}"
          location                      = azurerm_resource_group.main.location
          resource_group_name           = azurerm_resource_group.main.name
          tenant_id                     = data.azurerm_client_config.current.tenant_id
          sku_name                      = "§sku"
          purge_protection_enabled      = §purge
          soft_delete_retention_days    = §soft
          enable_rbac_authorization     = §rbac
          public_network_access_enabled = §pna

          dynamic "network_acls" {
            for_each = length(var.key_vault_allowed_ips) > 0 ? [1] : []
            content {
              default_action = "Deny"
              bypass         = "AzureServices"
              ip_rules       = var.key_vault_allowed_ips
            }
          }

          tags = local.tags
        }

        resource "azurerm_key_vault_key" "main" {
          name         = "data-key"
          key_vault_id = azurerm_key_vault.main.id
          key_type     = "§ktype"
          key_size     = §ksize
          key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]
        §kexp
        }

        resource "azurerm_key_vault_secret" "db_password" {
          name         = "db-password"
          value        = random_password.kv.result
          key_vault_id = azurerm_key_vault.main.id
        §ctype
        §sexp
        }

        resource "random_password" "kv" {
          length  = 32
          special = true
        }
    ''', sku="premium" if st.ok() else "standard", purge=st.ok(), soft=st.pick([7, 30, 90]), rbac=st.ok(),
        pna=not st.ok(), ktype="RSA-HSM" if st.ok() else "RSA", ksize=st.pick([2048, 4096]),
        kexp=opt(st.ok(), '  expiration_date = "2027-12-31T00:00:00Z"'),
        ctype=opt(st.ok(), '  content_type = "password"'),
        sexp=opt(st.ok(), '  expiration_date = "2027-06-30T00:00:00Z"')),
        {"azurerm_key_vault": 1, "azurerm_key_vault_key": 1, "azurerm_key_vault_secret": 1, "random_password": 1})


def az_aks(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["aks", "cluster"]))
    pools = {}
    for name in st.rng.sample(["user", "batch", "spot", "gpu"], st.rng.randint(0, 2)):
        pools[name] = {"vm_size": st.pick(["Standard_D4s_v5", "Standard_E8s_v5", "Standard_F8s_v2"]),
                       "min": 1, "max": st.pick([5, 10, 20]), "max_pods": st.pick([30, 50, 110])}
    n = 1 + len(pools)
    if n > limit:
        return
    private, rbac, policy, netpol = st.ok(-0.1), st.ok(0.2), st.ok(), st.ok()
    p.var(f"{lab}_authorized_ranges", "list(string)", [st.pick(OFFICE_CIDRS)] if st.ok() else [],
          default=[], has_default=True, description="Networks allowed to reach the API server.")
    p.var(f"{lab}_pools", "map(object({\n    vm_size  = string\n    min      = number\n    max      = number\n"
          "    max_pods = number\n  }))", pools, default={}, has_default=True, description="Extra node pools.")
    p.add("main.tf", hcl('''
        resource "azurerm_kubernetes_cluster" "§lab" {
          name                              = "aks-${local.name_prefix}"
          location                          = azurerm_resource_group.main.location
          resource_group_name               = azurerm_resource_group.main.name
          dns_prefix                        = local.name_prefix
          kubernetes_version                = "§version"
          private_cluster_enabled           = §private
          role_based_access_control_enabled = §rbac
          azure_policy_enabled              = §policy
          local_account_disabled            = §local
          sku_tier                          = "§tier"
          automatic_channel_upgrade         = "§upgrade"

          default_node_pool {
            name                = "system"
            vm_size             = "Standard_D2s_v5"
            enable_auto_scaling = true
            min_count           = 1
            max_count           = 3
            max_pods            = §maxpods
            os_disk_type        = "§disk"
            vnet_subnet_id      = §subnet
          }

          identity {
            type = "SystemAssigned"
          }

          network_profile {
            network_plugin = "azure"
        §netpol
          }

          dynamic "api_server_access_profile" {
            for_each = length(var.§{lab}_authorized_ranges) > 0 ? [1] : []
            content {
              authorized_ip_ranges = var.§{lab}_authorized_ranges
            }
          }
        §oms
          tags = local.tags
        }

        resource "azurerm_kubernetes_cluster_node_pool" "§lab" {
          for_each = var.§{lab}_pools

          name                  = each.key
          kubernetes_cluster_id = azurerm_kubernetes_cluster.§lab.id
          vm_size               = each.value.vm_size
          enable_auto_scaling   = true
          min_count             = each.value.min
          max_count             = each.value.max
          max_pods              = each.value.max_pods
          mode                  = "User"
        }
    ''', lab=lab, version=st.pick(["1.28.9", "1.29.4", "1.30.0"]), private=private, rbac=rbac, policy=policy,
        local=st.ok(), tier="Standard" if st.ok() else "Free", upgrade="stable" if st.ok() else "none",
        maxpods=st.pick([30, 50, 110]), disk="Ephemeral" if st.ok() else "Managed",
        subnet="azurerm_subnet.main[\"app\"].id" if "vnet" in st.features else "var.aks_subnet_id",
        netpol=opt(netpol, '    network_policy = "calico"'),
        oms=opt(st.ok(), indent('''

            oms_agent {
              log_analytics_workspace_id = var.log_analytics_workspace_id
            }

        ''', 2))),
        {"azurerm_kubernetes_cluster": 1, "azurerm_kubernetes_cluster_node_pool": len(pools)})
    if "vnet" not in st.features:
        p.var("aks_subnet_id", "string", f"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-{st.env}/subnets/aks",
              description="Subnet of the cluster's nodes.")


def az_network(st: Stack, p: Piece, limit: int) -> None:
    if "vnet" in st.features:
        return
    subnets = {"app": "10.%d.1.0/24", "data": "10.%d.2.0/24", "edge": "10.%d.3.0/24"}
    octet = st.rng.randint(10, 250)
    chosen = dict(list(subnets.items())[: st.rng.randint(1, 3)])
    if "app" not in chosen:
        chosen = {"app": subnets["app"]}
    rules = []
    for name, port, src in st.rng.sample([("https", "443", "Internet"), ("ssh", "22", "*"), ("rdp", "3389", "*"),
                                          ("sql", "1433", "VirtualNetwork"), ("http", "80", "Internet")], st.rng.randint(1, 3)):
        if port in ("22", "3389") and st.ok(0.1):
            src = st.pick(OFFICE_CIDRS)
        rules.append({"name": f"allow-{name}", "port": port, "source": src})
    extra = 1 if not st.ok() else 0
    n = 2 + 2 * len(chosen) + extra
    if n > limit:
        return
    st.features.add("vnet")
    p.var("subnets", "map(string)", {k: v % octet for k, v in chosen.items()}, description="Subnet name to prefix.")
    p.var("address_space", "list(string)", [f"10.{octet}.0.0/16"], description="Address space of the network.")
    p.var("nsg_rules", "list(object({\n    name   = string\n    port   = string\n    source = string\n  }))", rules,
          description="Inbound rules of the application security group, in priority order.")
    text = hcl('''
        resource "azurerm_virtual_network" "main" {
          name                = "vnet-${local.name_prefix}"
          location            = azurerm_resource_group.main.location
          resource_group_name = azurerm_resource_group.main.name
          address_space       = var.address_space
          tags                = local.tags
        }

        resource "azurerm_subnet" "main" {
          for_each = var.subnets

          name                 = each.key
          resource_group_name  = azurerm_resource_group.main.name
          virtual_network_name = azurerm_virtual_network.main.name
          address_prefixes     = [each.value]
        }

        resource "azurerm_network_security_group" "app" {
          name                = "nsg-${local.name_prefix}"
          location            = azurerm_resource_group.main.location
          resource_group_name = azurerm_resource_group.main.name

          dynamic "security_rule" {
            for_each = { for i, r in var.nsg_rules : r.name => merge(r, { priority = 100 + i * 10 }) }
            content {
              name                       = security_rule.key
              priority                   = security_rule.value.priority
              direction                  = "Inbound"
              access                     = "Allow"
              protocol                   = "Tcp"
              source_port_range          = "*"
              destination_port_range     = security_rule.value.port
              source_address_prefix      = security_rule.value.source
              destination_address_prefix = "*"
            }
          }

          tags = local.tags
        }

        resource "azurerm_subnet_network_security_group_association" "main" {
          for_each = azurerm_subnet.main

          subnet_id                 = each.value.id
          network_security_group_id = azurerm_network_security_group.app.id
        }
    ''')
    if extra:
        text += "\n" + hcl('''
            resource "azurerm_network_security_rule" "management" {
              name                        = "allow-management"
              priority                    = 4000
              direction                   = "Inbound"
              access                      = "Allow"
              protocol                    = "Tcp"
              source_port_range           = "*"
              destination_port_ranges     = ["22", "3389"]
              source_address_prefix       = "*"
              destination_address_prefix  = "*"
              resource_group_name         = azurerm_resource_group.main.name
              network_security_group_name = azurerm_network_security_group.app.name
            }
        ''')
    p.add("network.tf", text, {"azurerm_virtual_network": 1, "azurerm_subnet": len(chosen),
                               "azurerm_network_security_group": 1,
                               "azurerm_subnet_network_security_group_association": len(chosen),
                               "azurerm_network_security_rule": extra})
    p.output("subnet_ids", "{ for k, s in azurerm_subnet.main : k => s.id }", "Subnet IDs by name.")


def az_sql(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["sql", "orders_sql", "reporting_sql"]))
    dbs = st.rng.sample(["app", "reporting", "audit", "jobs"], st.rng.randint(1, 3))
    fw = {"office": [st.pick(OFFICE_CIDRS).split("/")[0]] * 2}
    if not st.ok():
        fw["anywhere"] = ["0.0.0.0", "255.255.255.255"]
    if st.chance(0.5):
        fw["azure-services"] = ["0.0.0.0", "0.0.0.0"]
    audit = st.ok()
    n = 2 + len(dbs) + len(fw) + audit
    if n > limit:
        return
    p.var(f"{lab}_databases", "map(object({\n    sku       = string\n    max_gb    = number\n  }))",
          {d: {"sku": st.pick(["S0", "S1", "GP_S_Gen5_2"]), "max_gb": st.pick([10, 50, 250])} for d in dbs},
          description="Databases on the server.")
    p.var(f"{lab}_firewall", "map(list(string))", fw, description="Firewall rules: name to [start, end] address.")
    text = hcl('''
        resource "random_password" "§lab" {
          length           = 24
          special          = true
          override_special = "!#%*-_"
        }

        resource "azurerm_mssql_server" "§lab" {
          name                          = "sql-${local.name_prefix}-§dash"
          resource_group_name           = azurerm_resource_group.main.name
          location                      = azurerm_resource_group.main.location
          version                       = "12.0"
          administrator_login           = "sqladmin"
          administrator_login_password  = random_password.§lab.result
          minimum_tls_version           = "§tls"
          public_network_access_enabled = §pna
        §aad
          tags = local.tags
        }

        resource "azurerm_mssql_database" "§lab" {
          for_each = var.§{lab}_databases

          name         = each.key
          server_id    = azurerm_mssql_server.§lab.id
          sku_name     = each.value.sku
          max_size_gb  = each.value.max_gb
          zone_redundant = §zr
        §ltr
        }

        resource "azurerm_mssql_firewall_rule" "§lab" {
          for_each = var.§{lab}_firewall

          name             = each.key
          server_id        = azurerm_mssql_server.§lab.id
          start_ip_address = each.value[0]
          end_ip_address   = each.value[1]
        }
    ''', lab=lab, dash=lab.replace("_", "-"), tls="1.2" if st.ok(0.1) else "1.0", pna=not st.ok(),
        aad=opt(st.ok(), indent('''

            azuread_administrator {
              login_username = "sql-admins"
              object_id      = var.sql_admin_group_id
            }

        ''', 2)), zr=st.ok(),
        ltr=opt(st.ok(), indent('''

            long_term_retention_policy {
              weekly_retention = "P4W"
            }
        ''', 2)))
    if "aad" not in st.features:
        st.features.add("aad")
        p.var("sql_admin_group_id", "string", "8f0c6a3e-1d2b-4c5d-9e8f-0a1b2c3d4e5f",
              description="Entra ID group administering the SQL servers.")
    if audit:
        text += "\n" + hcl('''
            resource "azurerm_mssql_server_extended_auditing_policy" "§lab" {
              server_id              = azurerm_mssql_server.§lab.id
              storage_endpoint       = var.audit_storage_endpoint
              retention_in_days      = §days
              log_monitoring_enabled = true
            }
        ''', lab=lab, days=st.pick([30, 90, 120]))
        if "audit_endpoint" not in st.features:
            st.features.add("audit_endpoint")
            p.var("audit_storage_endpoint", "string", f"https://staudit{st.env}.blob.core.windows.net/",
                  description="Blob endpoint receiving SQL audit logs.")
    p.add("main.tf", text, {"random_password": 1, "azurerm_mssql_server": 1, "azurerm_mssql_database": len(dbs),
                            "azurerm_mssql_firewall_rule": len(fw),
                            "azurerm_mssql_server_extended_auditing_policy": int(audit)})


def az_filler(st: Stack, p: Piece) -> None:
    kind = st.pick(["law", "identity", "pip", "acr"])
    lab = st.label(st.pick(WORDS))
    if kind == "law":
        text = hcl('''
            resource "azurerm_log_analytics_workspace" "§lab" {
              name                = "log-${local.name_prefix}-§dash"
              location            = var.location
              resource_group_name = "rg-${local.name_prefix}"
              sku                 = "PerGB2018"
              retention_in_days   = §days
            }
        ''', lab=lab, dash=lab.replace("_", "-"), days=st.pick([90, 365]) if st.ok() else 30)
        t = "azurerm_log_analytics_workspace"
    elif kind == "identity":
        text = hcl('''
            resource "azurerm_user_assigned_identity" "§lab" {
              name                = "id-${local.name_prefix}-§dash"
              location            = var.location
              resource_group_name = "rg-${local.name_prefix}"
            }
        ''', lab=lab, dash=lab.replace("_", "-"))
        t = "azurerm_user_assigned_identity"
    elif kind == "pip":
        text = hcl('''
            resource "azurerm_public_ip" "§lab" {
              name                = "pip-${local.name_prefix}-§dash"
              location            = var.location
              resource_group_name = "rg-${local.name_prefix}"
              allocation_method   = "Static"
              sku                 = "Standard"
            §zones
            }
        ''', lab=lab, dash=lab.replace("_", "-"), zones=opt(st.ok(), '  zones               = ["1", "2", "3"]'))
        t = "azurerm_public_ip"
    else:
        text = hcl('''
            resource "azurerm_container_registry" "§lab" {
              name                          = "acr${replace(local.name_prefix, "-", "")}§lab"
              location                      = var.location
              resource_group_name           = "rg-${local.name_prefix}"
              sku                           = "§sku"
              admin_enabled                 = §admin
              public_network_access_enabled = §pna
            }
        ''', lab=lab.replace("_", ""), sku="Premium" if st.ok() else "Basic", admin=not st.ok(), pna=not st.ok())
        t = "azurerm_container_registry"
    p.add("main.tf", text, {t: 1})


# ---------------------------------------------------------------------------------------------
# Google Cloud components


def gcp_base(st: Stack, p: Piece) -> None:
    rotation = st.ok(0.1)
    p.add("security.tf", hcl('''
        resource "google_kms_key_ring" "main" {
          name     = "${local.name_prefix}-ring"
          location = var.region
        }

        resource "google_kms_crypto_key" "main" {
          name     = "${local.name_prefix}-data"
          key_ring = google_kms_key_ring.main.id
        §rotation

          lifecycle {
            prevent_destroy = true
          }
        }
    ''', rotation=opt(rotation, f'  rotation_period = "{st.pick(["7776000s", "2592000s"])}"')),
        {"google_kms_key_ring": 1, "google_kms_crypto_key": 1})
    st.features.add("kms")


def gcp_network(st: Stack, p: Piece, limit: int) -> None:
    if "vpc" in st.features:
        return
    subnets = {}
    for i, name in enumerate(st.rng.sample(["app", "data", "gke", "proxy"], st.rng.randint(1, 3))):
        subnets[name] = {"cidr": f"10.{st.rng.randint(0, 200)}.{i * 16}.0/20", "flow_logs": st.ok(), "private_access": st.ok(0.1)}
    rules = {}
    for name, ports, ranges in st.rng.sample([
            ("allow-ssh", ["22"], ["0.0.0.0/0"]), ("allow-rdp", ["3389"], ["0.0.0.0/0"]),
            ("allow-https", ["443"], ["0.0.0.0/0"]), ("allow-internal", ["0-65535"], ["10.0.0.0/8"]),
            ("allow-health-checks", ["8080"], ["35.191.0.0/16", "130.211.0.0/22"])], st.rng.randint(1, 3)):
        if ranges == ["0.0.0.0/0"] and ports != ["443"] and st.ok(0.1):
            ranges = ["35.235.240.0/20"]
        rules[name] = {"ports": ports, "ranges": ranges}
    n = 1 + len(subnets) + len(rules)
    if n > limit:
        return
    st.features.add("vpc")
    p.var("subnets", "map(object({\n    cidr           = string\n    flow_logs      = bool\n    private_access = bool\n  }))",
          subnets, description="Subnetworks by name.")
    p.var("firewall_rules", "map(object({\n    ports  = list(string)\n    ranges = list(string)\n  }))", rules,
          description="Ingress firewall rules by name.")
    p.add("network.tf", hcl('''
        resource "google_compute_network" "main" {
          name                    = "${local.name_prefix}-vpc"
          auto_create_subnetworks = false
          routing_mode            = "REGIONAL"
        }

        resource "google_compute_subnetwork" "main" {
          for_each = var.subnets

          name                     = "${local.name_prefix}-${each.key}"
          ip_cidr_range            = each.value.cidr
          region                   = var.region
          network                  = google_compute_network.main.id
          private_ip_google_access = each.value.private_access

          dynamic "log_config" {
            for_each = each.value.flow_logs ? [1] : []
            content {
              aggregation_interval = "INTERVAL_5_SEC"
              flow_sampling        = 0.5
              metadata             = "INCLUDE_ALL_METADATA"
            }
          }
        }

        resource "google_compute_firewall" "ingress" {
          for_each = var.firewall_rules

          name          = "${local.name_prefix}-${each.key}"
          network       = google_compute_network.main.name
          direction     = "INGRESS"
          source_ranges = each.value.ranges

          allow {
            protocol = "tcp"
            ports    = each.value.ports
          }
        }
    '''), {"google_compute_network": 1, "google_compute_subnetwork": len(subnets), "google_compute_firewall": len(rules)})


def gcp_bucket_module(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(WORDS))
    public = not st.ok(0.2)
    n = 1 + public
    if n > limit:
        return
    p.add("main.tf", hcl('''
        module "§lab" {
          source = "./modules/bucket"

          name           = "${var.project_id}-${local.name_prefix}-§dash"
          location       = upper(var.region)
          uniform_access = §uniform
          versioning     = §versioning
          public_read    = §public
        §log
        §kms
          labels         = local.labels
        }
    ''', lab=lab, dash=lab.replace("_", "-"), uniform=st.ok(), versioning=st.ok(), public=public,
        log=opt(st.ok(), '  log_bucket     = "${var.project_id}-access-logs"'),
        kms=opt(st.ok() and "kms" in st.features, "  kms_key        = google_kms_crypto_key.main.id")),
        {"google_storage_bucket* in ./modules/bucket": n})


def gcp_buckets_foreach(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["datasets", "artifacts", "media"]))
    buckets = {}
    for i in range(st.rng.randint(1, 4)):
        if len(buckets) + 1 > limit:
            break
        buckets[f"{st.pick(WORDS)}-{i + 1}"] = {"storage_class": st.pick(["STANDARD", "NEARLINE", "COLDLINE"]),
                                                "uniform": st.ok(), "versioning": st.ok(), "retention_days": st.pick([0, 30, 365])}
    if not buckets:
        return
    p.var(f"{lab}_buckets", "map(object({\n    storage_class  = string\n    uniform        = bool\n"
          "    versioning     = bool\n    retention_days = number\n  }))", buckets, description=f"The {lab} buckets.")
    p.add("main.tf", hcl('''
        resource "google_storage_bucket" "§lab" {
          for_each = var.§{lab}_buckets

          name                        = "${var.project_id}-${each.key}"
          location                    = var.region
          storage_class               = each.value.storage_class
          uniform_bucket_level_access = each.value.uniform
          force_destroy               = var.environment != "prod"

          versioning {
            enabled = each.value.versioning
          }

          dynamic "retention_policy" {
            for_each = each.value.retention_days > 0 ? [each.value.retention_days] : []
            content {
              retention_period = retention_policy.value * 86400
            }
          }
        §log
          labels = local.labels
        }
    ''', lab=lab, log=opt(st.ok(), indent('''

            logging {
              log_bucket = "${var.project_id}-access-logs"
            }

        ''', 2))), {"google_storage_bucket": len(buckets)})


def gcp_compute(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["vm", "worker", "bastion", "legacy"]))
    count = st.rng.randint(1, 3)
    while count > 0 and count + 1 > limit:
        count -= 1
    if count == 0:
        return
    default_sa = not st.ok(0.1)
    p.var(f"{lab}_count", "number", count, default=1, has_default=True, description="Number of instances.")
    p.var(f"{lab}_machine_type", "string", st.pick(["e2-medium", "n2-standard-2", "c3-standard-4"]),
          description="Machine type.")
    p.add("main.tf", hcl('''
        resource "google_service_account" "§lab" {
          account_id   = "${local.name_prefix}-§dash"
          display_name = "§lab instances of ${local.name_prefix}"
        }

        resource "google_compute_instance" "§lab" {
          count = var.§{lab}_count

          name           = "${local.name_prefix}-§dash-${count.index}"
          machine_type   = var.§{lab}_machine_type
          zone           = "${var.region}-${element(["a", "b", "c"], count.index)}"
          can_ip_forward = §forward
          tags           = ["§lab", var.environment]

          boot_disk {
        §diskkms
            initialize_params {
              image = "debian-cloud/debian-12"
              size  = 30
            }
          }

          network_interface {
            subnetwork = §subnet

            dynamic "access_config" {
              for_each = §public ? [1] : []
              content {
                network_tier = "PREMIUM"
              }
            }
          }

          metadata = {
        §sshkeys
        §serial
            enable-oslogin = "§oslogin"
          }

          shielded_instance_config {
            enable_secure_boot          = §secureboot
            enable_vtpm                 = true
            enable_integrity_monitoring = §integrity
          }

          service_account {
            email  = §sa
            scopes = ["cloud-platform"]
          }

          labels = local.labels
        }
    ''', lab=lab, dash=lab.replace("_", "-"), forward=not st.ok(0.3), public=not st.ok(),
        subnet='google_compute_subnetwork.main["app"].id' if _gcp_has_app(st) else "var.subnetwork",
        diskkms=opt(st.ok() and "kms" in st.features, "    kms_key_self_link = google_kms_crypto_key.main.id"),
        sshkeys=opt(st.ok(), '    block-project-ssh-keys = "true"'),
        serial=opt(not st.ok(0.2), '    serial-port-enable     = "true"'),
        oslogin="TRUE" if st.ok() else "FALSE", secureboot=st.ok(), integrity=st.ok(0.2),
        sa=("data.google_compute_default_service_account.default.email" if default_sa
            else f"google_service_account.{lab}.email")),
        {"google_service_account": 1, "google_compute_instance": count})
    if default_sa:
        st.features.add("default_sa")
    if not _gcp_has_app(st) and "subnetwork_var" not in st.features:
        st.features.add("subnetwork_var")
        p.var("subnetwork", "string", f"projects/shared-vpc-{st.env}/regions/{st.region}/subnetworks/apps",
              description="Subnetwork of the instances (shared VPC).")


def _gcp_has_app(st: Stack) -> bool:
    for piece in st.pieces:
        for name, value in piece.tfvars:
            if name == "subnets" and "app" in value:
                return True
    return False


def gcp_gke(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["gke", "cluster"]))
    pools = {}
    for name in st.rng.sample(["default", "highmem", "spot", "batch"], st.rng.randint(1, 3)):
        pools[name] = {"machine_type": st.pick(["e2-standard-4", "n2-highmem-8", "c3-standard-8"]),
                       "min": 1, "max": st.pick([3, 6, 12]), "spot": name == "spot"}
    n = 1 + 1 + len(pools) + 2
    if n > limit:
        return
    private, legacy_abac, netpol, wi, shielded = st.ok(-0.1), not st.ok(0.3), st.ok(), st.ok(), st.ok(0.2)
    p.var(f"{lab}_master_cidrs", "map(string)",
          {"office": st.pick(OFFICE_CIDRS)} if st.ok() else {}, default={}, has_default=True,
          description="Networks allowed to reach the control plane, by name.")
    p.var(f"{lab}_pools", "map(object({\n    machine_type = string\n    min          = number\n    max          = number\n"
          "    spot         = bool\n  }))", pools, description="Node pools.")
    p.add("gke.tf", hcl('''
        resource "google_service_account" "§{lab}_nodes" {
          account_id   = "${local.name_prefix}-§dash-nodes"
          display_name = "GKE nodes of ${local.name_prefix}"
        }

        resource "google_project_iam_member" "§{lab}_nodes" {
          for_each = toset(["roles/logging.logWriter", "roles/monitoring.metricWriter"])

          project = var.project_id
          role    = each.value
          member  = "serviceAccount:${google_service_account.§{lab}_nodes.email}"
        }

        resource "google_container_cluster" "§lab" {
          name     = "${local.name_prefix}-§dash"
          location = var.region

          remove_default_node_pool = true
          initial_node_count       = 1
          enable_legacy_abac       = §abac
          enable_shielded_nodes    = §shielded
          networking_mode          = "VPC_NATIVE"
          resource_labels          = local.labels

          ip_allocation_policy {}

          release_channel {
            channel = "§channel"
          }

          master_auth {
            client_certificate_config {
              issue_client_certificate = §cert
            }
          }

          network_policy {
            enabled = §netpol
          }
        §private
          dynamic "master_authorized_networks_config" {
            for_each = length(var.§{lab}_master_cidrs) > 0 ? [1] : []
            content {
              dynamic "cidr_blocks" {
                for_each = var.§{lab}_master_cidrs
                content {
                  display_name = cidr_blocks.key
                  cidr_block   = cidr_blocks.value
                }
              }
            }
          }
        §wi
        }

        resource "google_container_node_pool" "§lab" {
          for_each = var.§{lab}_pools

          name    = each.key
          cluster = google_container_cluster.§lab.id

          autoscaling {
            min_node_count = each.value.min
            max_node_count = each.value.max
          }

          management {
            auto_repair  = true
            auto_upgrade = §autoupgrade
          }

          node_config {
            machine_type    = each.value.machine_type
            spot            = each.value.spot
            image_type      = "§image"
            service_account = google_service_account.§{lab}_nodes.email
            oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

            workload_metadata_config {
              mode = "§wimode"
            }

            shielded_instance_config {
              enable_secure_boot          = §secureboot
              enable_integrity_monitoring = true
            }
          }
        }
    ''', lab=lab, dash=lab.replace("_", "-"), abac=legacy_abac, shielded=shielded,
        channel=st.pick(["REGULAR", "STABLE"]) if st.ok() else "UNSPECIFIED", cert=not st.ok(0.2), netpol=netpol,
        private=opt(private, indent('''

            private_cluster_config {
              enable_private_nodes    = true
              enable_private_endpoint = false
              master_ipv4_cidr_block  = "172.16.0.0/28"
            }

        ''', 2)),
        wi=opt(wi, indent('''

            workload_identity_config {
              workload_pool = "${var.project_id}.svc.id.goog"
            }
        ''', 2)), autoupgrade=st.ok(0.2), image="COS_CONTAINERD" if st.ok(0.1) else "UBUNTU_CONTAINERD",
        wimode="GKE_METADATA" if wi else "GCE_METADATA", secureboot=st.ok()),
        {"google_service_account": 1, "google_project_iam_member": 2, "google_container_cluster": 1,
         "google_container_node_pool": len(pools)})


def gcp_sql(st: Stack, p: Piece, limit: int) -> None:
    lab = st.label(st.pick(["sql", "db", "analytics_db"]))
    dbs = st.rng.sample(["app", "audit", "reporting", "jobs"], st.rng.randint(1, 3))
    n = 1 + len(dbs) + 2
    if n > limit:
        return
    engine = st.pick(["POSTGRES_15", "POSTGRES_16", "MYSQL_8_0"])
    nets = {"office": st.pick(OFFICE_CIDRS)}
    if not st.ok():
        nets["anywhere"] = "0.0.0.0/0"
    flags = {}
    if engine.startswith("POSTGRES"):
        for flag in ("log_checkpoints", "log_connections", "log_disconnections", "log_lock_waits"):
            if st.ok():
                flags[flag] = "on"
    else:
        if st.ok():
            flags["local_infile"] = "off"
    p.var(f"{lab}_tier", "string", st.pick(["db-custom-2-7680", "db-custom-4-15360", "db-f1-micro"]),
          description="Machine tier of the instance.")
    p.var(f"{lab}_authorized_networks", "map(string)", nets, default={}, has_default=True,
          description="Networks allowed to connect over the public address.")
    p.var(f"{lab}_flags", "map(string)", flags, default={}, has_default=True, description="Database flags.")
    p.add("main.tf", hcl('''
        resource "google_sql_database_instance" "§lab" {
          name                = "${local.name_prefix}-§dash"
          database_version    = "§engine"
          region              = var.region
          deletion_protection = §protect
        §kms

          settings {
            tier              = var.§{lab}_tier
            availability_type = "§ha"
            user_labels       = local.labels

            backup_configuration {
              enabled                        = §backup
              point_in_time_recovery_enabled = §pitr
            }

            ip_configuration {
              ipv4_enabled = §ipv4
              ssl_mode     = "§ssl"

              dynamic "authorized_networks" {
                for_each = var.§{lab}_authorized_networks
                content {
                  name  = authorized_networks.key
                  value = authorized_networks.value
                }
              }
            }

            dynamic "database_flags" {
              for_each = var.§{lab}_flags
              content {
                name  = database_flags.key
                value = database_flags.value
              }
            }
          }
        }

        resource "google_sql_database" "§lab" {
          for_each = toset(§dbs)

          name     = each.value
          instance = google_sql_database_instance.§lab.name
        }

        resource "random_password" "§lab" {
          length  = 24
          special = false
        }

        resource "google_sql_user" "§lab" {
          name     = "app"
          instance = google_sql_database_instance.§lab.name
          password = random_password.§lab.result
        }
    ''', lab=lab, dash=lab.replace("_", "-"), engine=engine, protect=st.ok(),
        kms=opt(st.ok() and "kms" in st.features, "  encryption_key_name = google_kms_crypto_key.main.id"),
        ha="REGIONAL" if st.ok() else "ZONAL", backup=st.ok(0.1), pitr=st.ok() and engine.startswith("POSTGRES"),
        ipv4=not st.ok(), ssl="ENCRYPTED_ONLY" if st.ok() else "ALLOW_UNENCRYPTED_AND_ENCRYPTED", dbs=lit(dbs)),
        {"google_sql_database_instance": 1, "google_sql_database": len(dbs), "random_password": 1, "google_sql_user": 1})


def gcp_filler(st: Stack, p: Piece) -> None:
    kind = st.pick(["pubsub", "iam", "sa", "address"])
    lab = st.label(st.pick(WORDS))
    if kind == "pubsub":
        text = hcl('''
            resource "google_pubsub_topic" "§lab" {
              name = "${local.name_prefix}-§dash"
            §kms
              labels = local.labels
            }
        ''', lab=lab, dash=lab.replace("_", "-"),
            kms=opt(st.ok() and "kms" in st.features, "  kms_key_name = google_kms_crypto_key.main.id"))
        t = "google_pubsub_topic"
    elif kind == "iam":
        role = st.pick(["roles/viewer", "roles/logging.viewer", "roles/cloudsql.client"]) if st.ok() else st.pick(
            ["roles/owner", "roles/editor", "roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"])
        text = hcl('''
            resource "google_project_iam_member" "§lab" {
              project = var.project_id
              role    = "§role"
              member  = "§member"
            }
        ''', lab=lab, role=role, member=st.pick(["group:platform@example.com", "user:oncall@example.com",
                                                 "serviceAccount:ci@example-ci.iam.gserviceaccount.com"]))
        t = "google_project_iam_member"
    elif kind == "sa":
        text = hcl('''
            resource "google_service_account" "§lab" {
              account_id   = "${local.name_prefix}-§dash"
              display_name = "§lab workload of ${local.name_prefix}"
            }
        ''', lab=lab, dash=lab.replace("_", "-"))
        t = "google_service_account"
    else:
        text = hcl('''
            resource "google_compute_address" "§lab" {
              name         = "${local.name_prefix}-§dash"
              region       = var.region
              address_type = "§type"
            }
        ''', lab=lab, dash=lab.replace("_", "-"), type=st.pick(["EXTERNAL", "INTERNAL"]))
        t = "google_compute_address"
    p.add("main.tf", text, {t: 1})


# Components per cloud: the base components, added first and once; then (component, weight, at most
# this many per stack), drawn by weight; then the single-resource filler that rounds the stack off.
COMPONENTS = {
    "aws": ([aws_base, aws_logs_bucket],
            [(aws_bucket_module, 2, 2), (aws_bucket_module_foreach, 1, 1), (aws_buckets_foreach, 2, 2),
             (aws_security_group, 3, 3), (aws_rds, 2, 1), (aws_eks, 1, 1), (aws_iam, 3, 3), (aws_cloudtrail, 1, 1),
             (aws_ec2, 2, 2), (aws_alb, 2, 1), (aws_classic_elb, 1, 1), (aws_lambda, 2, 2)], aws_filler),
    "azure": ([az_base], [(az_network, 3, 1), (az_storage_module, 3, 2), (az_storage_foreach, 2, 1),
                          (az_keyvault, 2, 1), (az_aks, 1, 1), (az_sql, 2, 1)], az_filler),
    "gcp": ([gcp_base], [(gcp_network, 3, 1), (gcp_bucket_module, 3, 2), (gcp_buckets_foreach, 2, 2),
                         (gcp_compute, 2, 2), (gcp_gke, 1, 1), (gcp_sql, 2, 1)], gcp_filler),
}
BASE_SIZE = {aws_base: 2, aws_logs_bucket: 7, az_base: 1, gcp_base: 2}
# Stack sizes (resource instances) by cloud, and the order in which stacks take a cloud.
STACK_SIZE = {"aws": (25, 90), "azure": (15, 55), "gcp": (15, 55)}
CLOUD_CYCLE = ["aws", "azure", "gcp", "aws", "azure", "aws", "gcp", "aws"]


def build_stack(st: Stack, budget: int) -> None:
    """Adds components until the stack holds exactly `budget` resource instances."""
    bases, optional, filler = COMPONENTS[st.cloud]
    for fn in bases:
        if BASE_SIZE[fn] <= budget - st.instances:
            p = Piece()
            fn(st, p)
            st.commit(p)
    used: collections.Counter = collections.Counter()
    misses = 0
    while budget - st.instances > 3 and misses < 8:
        open_ = [(f, w) for f, w, cap in optional if used[f] < cap]
        if not open_:
            break
        fn = st.rng.choices([f for f, _ in open_], weights=[w for _, w in open_])[0]
        p = Piece()
        saved = (set(st.features), collections.Counter(st.settings))
        if fn is aws_bucket_module:
            fn(st, p)
        else:
            fn(st, p, budget - st.instances)
        if p.instances and p.instances <= budget - st.instances:
            st.commit(p)
            used[fn] += 1
            misses = 0
        else:
            st.features, st.settings = saved
            misses += 1
    while st.instances < budget:
        p = Piece()
        filler(st, p)
        st.commit(p)


def render_stack(st: Stack) -> dict[str, str]:
    """The files of a stack, by relative path."""
    files: dict[str, str] = {}
    cloud, env = st.cloud, st.env
    common_vars = {
        "aws": [("region", "string", st.region, "AWS region of the stack."),
                ("environment", "string", env, "Deployment environment."),
                ("project", "string", f"{st.team}-{st.service}", "Project name, used in every resource name."),
                ("vpc_id", "string", f"vpc-{st.rng.getrandbits(64):016x}"[:21], "VPC of the stack."),
                ("private_subnet_ids", "list(string)", [f"subnet-{st.rng.getrandbits(64):016x}"[:24] for _ in range(3)],
                 "Private subnets, one per availability zone."),
                ("public_subnet_ids", "list(string)", [f"subnet-{st.rng.getrandbits(64):016x}"[:24] for _ in range(2)],
                 "Public subnets for load balancers.")],
        "azure": [("location", "string", st.region, "Azure region of the stack."),
                  ("environment", "string", env, "Deployment environment."),
                  ("project", "string", f"{st.team}-{st.service}", "Project name, used in every resource name.")],
        "gcp": [("project_id", "string", f"acme-{st.team}-{env}", "Google Cloud project."),
                ("region", "string", st.region, "Region of the stack."),
                ("environment", "string", env, "Deployment environment."),
                ("project", "string", f"{st.team}-{st.service}", "Project name, used in every resource name.")],
    }[cloud]
    pieces = st.pieces
    var_blocks = []
    tfvars = []
    for name, type_, value, desc in common_vars:
        validation = None
        if name == "environment":
            validation = ('contains(["prod", "staging", "dev"], var.environment)', "Unknown environment.")
        p = Piece()
        p.var(name, type_, value, description=desc, validation=validation)
        var_blocks += p.variables
        tfvars += p.tfvars
    extra = Piece()
    extra.var("tags", "map(string)", {"CostCenter": str(st.rng.randint(1000, 9999)), "Owner": f"{st.team}@example.com"},
              default={}, has_default=True, description="Tags added to every resource.")
    if cloud == "aws":
        if "rds_monitoring" in st.features:
            extra.var("rds_monitoring_role_arn", "string", f"arn:aws:iam::{st.rng.randint(10**11, 10**12 - 1)}:role/rds-monitoring",
                      description="Role for RDS enhanced monitoring.")
        if "certificate" in st.features:
            extra.var("certificate_arn", "string", f"arn:aws:acm:{st.region}:{st.rng.randint(10**11, 10**12 - 1)}:certificate/{st.rng.getrandbits(128):032x}",
                      description="ACM certificate of the HTTPS listeners.")
        if any(re.search(r"var\.default_security_group_id", t) for q in pieces for _, t in q.blocks):
            extra.var("default_security_group_id", "string", f"sg-{st.rng.getrandbits(64):016x}"[:20],
                      description="Security group used when the stack defines none.")
        if any("var.instance_profile_name" in t for q in pieces for _, t in q.blocks):
            extra.var("instance_profile_name", "string", f"{st.team}-ec2", description="Instance profile of the EC2 instances.")
    if cloud == "azure" and any("var.log_analytics_workspace_id" in t for q in pieces for _, t in q.blocks):
        extra.var("log_analytics_workspace_id", "string",
                  f"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitoring/providers/"
                  f"Microsoft.OperationalInsights/workspaces/log-{env}", description="Workspace receiving container insights.")
    var_blocks += extra.variables
    tfvars += extra.tfvars
    for q in pieces:
        var_blocks += q.variables
        tfvars += q.tfvars
    files["variables.tf"] = "\n".join(var_blocks)
    width = max(len(n) for n, _ in tfvars)
    files["terraform.tfvars"] = "".join(f"{n.ljust(width)} = {lit(v)}\n" for n, v in tfvars if v is not None)

    locals_ = [("name_prefix", '"${var.project}-${var.environment}"')]
    if cloud == "gcp":
        locals_.append(("labels", 'merge({ for k, v in var.tags : lower(k) => lower(v) }, {\n    environment = var.environment\n    '
                                  'managed-by  = "terraform"\n    team        = "' + st.team + '"\n  })'))
    else:
        locals_.append(("tags", 'merge(var.tags, {\n    Environment = var.environment\n    ManagedBy   = "terraform"\n'
                                '    Team        = "' + st.team + '"\n  })'))
    for q in pieces:
        locals_ += q.locals
    width = max(len(n) for n, _ in locals_)
    files["locals.tf"] = "locals {\n" + "".join(f"  {n.ljust(width)} = {e}\n" for n, e in locals_) + "}\n"

    provider = {
        "aws": f'''
            terraform {{
              required_version = ">= 1.5.0"

              required_providers {{
                aws = {{
                  source  = "hashicorp/aws"
                  version = "~> 5.40"
                }}
              }}

              backend "s3" {{
                bucket         = "acme-terraform-state-{env}"
                key            = "{st.team}/{st.service}/terraform.tfstate"
                region         = "{st.region}"
                dynamodb_table = "terraform-locks"
                encrypt        = true
              }}
            }}

            provider "aws" {{
              region = var.region

              default_tags {{
                tags = local.tags
              }}
            }}
        ''',
        "azure": f'''
            terraform {{
              required_version = ">= 1.5.0"

              required_providers {{
                azurerm = {{
                  source  = "hashicorp/azurerm"
                  version = "~> 3.110"
                }}
                random = {{
                  source  = "hashicorp/random"
                  version = "~> 3.6"
                }}
              }}

              backend "azurerm" {{
                resource_group_name  = "rg-terraform-state"
                storage_account_name = "stacmetfstate{env}"
                container_name       = "tfstate"
                key                  = "{st.team}/{st.service}.tfstate"
              }}
            }}

            provider "azurerm" {{
              features {{
                key_vault {{
                  purge_soft_delete_on_destroy = false
                }}
              }}
            }}
        ''',
        "gcp": f'''
            terraform {{
              required_version = ">= 1.5.0"

              required_providers {{
                google = {{
                  source  = "hashicorp/google"
                  version = "~> 5.30"
                }}
                random = {{
                  source  = "hashicorp/random"
                  version = "~> 3.6"
                }}
              }}

              backend "gcs" {{
                bucket = "acme-terraform-state-{env}"
                prefix = "{st.team}/{st.service}"
              }}
            }}

            provider "google" {{
              project = var.project_id
              region  = var.region
            }}
        ''',
    }[cloud]
    files["versions.tf"] = textwrap.dedent(provider).strip("\n") + "\n"

    data = []
    if cloud == "aws":
        data.append('data "aws_caller_identity" "current" {}\n')
        data.append('data "aws_region" "current" {}\n')
        if "ami" in st.features:
            data.append(hcl('''
                data "aws_ami" "al2023" {
                  most_recent = true
                  owners      = ["amazon"]

                  filter {
                    name   = "name"
                    values = ["al2023-ami-2023.*-x86_64"]
                  }
                }
            '''))
    elif cloud == "azure":
        data.append('data "azurerm_client_config" "current" {}\n')
    else:
        data.append('data "google_project" "current" {\n  project_id = var.project_id\n}\n')
        if "default_sa" in st.features:
            data.append('data "google_compute_default_service_account" "default" {\n  project = var.project_id\n}\n')
    files["data.tf"] = "\n".join(data)

    by_file: dict[str, list[str]] = collections.defaultdict(list)
    for q in pieces:
        for f, text in q.blocks:
            by_file[f].append(text)
    for f, texts in by_file.items():
        files[f] = "\n".join(texts)
    outputs = [o for q in pieces for o in q.outputs]
    if outputs:
        files["outputs.tf"] = "\n".join(
            f'output "{n}" {{\n  description = {json.dumps(d)}\n  value       = {v}\n}}\n' for n, v, d in outputs)
    if any("./modules/bucket" in t for q in pieces for _, t in q.blocks):
        for name, text in BUCKET_MODULES[cloud].items():
            files[f"modules/bucket/{name}"] = textwrap.dedent(text).strip("\n") + "\n"
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--resources", type=int, required=True, help="resource instances to write")
    ap.add_argument("--out", required=True, help="where to write them (created; must be empty unless --force)")
    ap.add_argument("--seed", type=int, default=4242, help="random seed (default 4242)")
    ap.add_argument("--force", action="store_true", help="delete --out first if it exists")
    o = ap.parse_args()
    out = Path(o.out)
    if out.exists() and any(out.iterdir()):
        if not o.force:
            print(f"make-terraform-modules.py: {out} is not empty (use --force to replace it)", file=sys.stderr)
            return 2
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)

    written = 0
    stacks = files_n = total_bytes = blocks = modules = 0
    by_type: collections.Counter[str] = collections.Counter()
    by_cloud: collections.Counter[str] = collections.Counter()
    settings: collections.Counter[str] = collections.Counter()
    profiles: collections.Counter[str] = collections.Counter()
    seen: set[str] = set()
    index = 0
    while written < o.resources:
        rng = random.Random(f"{o.seed}/{index}")
        index += 1
        cloud = CLOUD_CYCLE[(index - 1) % len(CLOUD_CYCLE)]
        env, team, service = rng.choice(ENVS), rng.choice(TEAMS), rng.choice(SERVICES)
        rel = f"{cloud}/{env}/{team}-{service}"
        if rel in seen:
            rel = f"{rel}-{index}"
        seen.add(rel)
        st = Stack(cloud, env, team, service, rng)
        budget = min(rng.randint(*STACK_SIZE[cloud]), o.resources - written)
        build_stack(st, budget)
        for path, text in render_stack(st).items():
            target = out / rel / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            files_n += 1
            blocks += len(re.findall(r'^resource "', text, re.M))
            total_bytes += len(text.encode())
        written += st.instances
        stacks += 1
        by_cloud[cloud] += st.instances
        profiles[st.profile] += 1
        settings += st.settings
        for q in st.pieces:
            by_type += q.counts
            modules += sum(t.count('source = "./modules/bucket"') + t.count('source   = "./modules/bucket"') for _, t in q.blocks)
    share = settings["compliant"] / max(sum(settings.values()), 1)
    print(f"{written} resource instances in {stacks} stacks: {files_n} files, {total_bytes} bytes under {out} (seed {o.seed})")
    print(f"{blocks} resource blocks (child modules counted once per stack), {modules} calls of ./modules/bucket")
    print("instances by cloud: " + ", ".join(f"{k} {v}" for k, v in sorted(by_cloud.items())))
    print("stack profiles: " + ", ".join(f"{k} {v}" for k, v in sorted(profiles.items())))
    print(f"security settings drawn: {sum(settings.values())}, compliant {share:.1%}")
    print("instances by type: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
