variable "trusted" {
  type    = list(string)
  default = ["*"]
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "Partners"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["partner-42"]
    }
  }
}

resource "aws_iam_role" "partner" {
  name               = "partner"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = "*" }]
  })
}
