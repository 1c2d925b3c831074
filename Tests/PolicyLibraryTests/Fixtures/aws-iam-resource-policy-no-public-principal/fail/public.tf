variable "readers" {
  type    = list(string)
  default = ["*"]
}

data "aws_iam_policy_document" "anonymous" {
  statement {
    sid       = "PublicRead"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-site/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "any_account" {
  statement {
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
    principals {
      type        = "AWS"
      identifiers = var.readers
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "mixed" {
  statement {
    sid       = "Owner"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
  statement {
    sid         = "Everyone"
    not_actions = ["kms:ScheduleKeyDeletion"]
    resources   = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/admin", "*"]
    }
  }
}
