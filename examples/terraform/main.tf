# A small landing-zone slice: two buckets made through a local module, an audit bucket, and the
# access around them. `palisade scan examples/` reports what is unsafe here.

variable "environment" {
  type    = string
  default = "dev"
}

locals {
  name_prefix = "acme-${var.environment}"
  buckets = {
    assets  = { public = false }
    uploads = { public = true }
  }
}

module "bucket" {
  source   = "./modules/bucket"
  for_each = local.buckets

  name          = "${local.name_prefix}-${each.key}"
  block_public  = !each.value.public
}

resource "aws_s3_bucket" "audit" {
  bucket = "${local.name_prefix}-audit"
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_security_group" "web" {
  name = "${local.name_prefix}-web"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
