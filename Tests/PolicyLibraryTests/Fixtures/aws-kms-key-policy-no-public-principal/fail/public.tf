variable "key_users" {
  type    = string
  default = "*"
}

resource "aws_kms_key" "open" {
  description = "anyone may decrypt"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "var_driven" {
  description = "principal from a variable"
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "${var.key_users}"},
        "Action": "kms:*",
        "Resource": "*",
        "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}
      }]
    }
  EOT
}

data "aws_iam_policy_document" "grants" {
  statement {
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "grants" {
  description = "separate key policy"
}

resource "aws_kms_key_policy" "grants" {
  key_id = aws_kms_key.grants.id
  policy = data.aws_iam_policy_document.grants.json
}
