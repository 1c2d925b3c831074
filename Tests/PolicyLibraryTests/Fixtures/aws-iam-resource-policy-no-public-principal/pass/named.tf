variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

data "aws_iam_policy_document" "cross_account" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-shared/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

data "aws_iam_policy_document" "organisation" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-shared/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-shared", "arn:aws:s3:::acme-shared/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "from_topic" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:events"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:eu-west-1:111122223333:events"]
    }
  }
}

data "aws_iam_policy_document" "identity" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
