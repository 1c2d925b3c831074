resource "aws_kms_key" "events" {
  description         = "SNS"
  enable_key_rotation = true
}

resource "aws_sns_topic" "alarms" {
  name              = "alarms"
  kms_master_key_id = aws_kms_key.events.arn
}

resource "aws_sns_topic" "notices" {
  name              = "notices"
  kms_master_key_id = "alias/aws/sns"
}
