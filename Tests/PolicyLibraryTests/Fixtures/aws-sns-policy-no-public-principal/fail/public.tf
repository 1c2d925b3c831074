locals {
  anyone = ["*"]
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "SNS:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:alerts"
    }]
  })
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}

data "aws_iam_policy_document" "orders" {
  statement {
    actions   = ["SNS:Subscribe", "SNS:Receive"]
    resources = [aws_sns_topic.orders.arn]
    principals {
      type        = "AWS"
      identifiers = local.anyone
    }
  }
}

resource "aws_sns_topic_policy" "orders" {
  arn    = aws_sns_topic.orders.arn
  policy = data.aws_iam_policy_document.orders.json
}
