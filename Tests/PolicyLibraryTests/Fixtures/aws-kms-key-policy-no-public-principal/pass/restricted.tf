variable "account_id" {
  type    = string
  default = "111122223333"
}

# No policy: the default key policy trusts only the key's own account.
resource "aws_kms_key" "default" {
  description = "default policy"
}

resource "aws_kms_key" "via_service" {
  description = "usable through EBS by the account"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Owner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "ThroughEBS"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = var.account_id
            "kms:ViaService"    = "ec2.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
  })
}

data "aws_iam_policy_document" "org" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

resource "aws_kms_key" "org" {
  description = "organisation-wide decrypt"
}

resource "aws_kms_key_policy" "org" {
  key_id = aws_kms_key.org.id
  policy = data.aws_iam_policy_document.org.json
}
