variable "account_id" {
  type    = string
  default = "111122223333"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

# The shape of the default topic policy: any principal, limited to the owning account.
resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"]
      Resource  = aws_sns_topic.alerts.arn
      Condition = { StringEquals = { "AWS:SourceOwner" = var.account_id } }
    }]
  })
}

resource "aws_sns_topic" "uploads" {
  name = "uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "SNS:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:uploads"
      Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:s3:::acme-uploads" } }
    }]
  })
}

resource "aws_sns_topic" "plain" {
  name = "plain"
}
