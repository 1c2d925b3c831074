variable "topic_key" {
  type    = string
  default = null
}

resource "aws_sns_topic" "alarms" {
  name = "alarms"
}

resource "aws_sns_topic" "from_variable" {
  name              = "orders"
  kms_master_key_id = var.topic_key
}
