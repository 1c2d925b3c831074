resource "aws_kms_key" "queue" {
  description         = "queues"
  enable_key_rotation = true
}

# AWS applies SSE-SQS when nothing is said.
resource "aws_sqs_queue" "default" {
  name = "jobs"
}

resource "aws_sqs_queue" "managed" {
  name                    = "events"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "kms" {
  name                              = "payments"
  kms_master_key_id                 = aws_kms_key.queue.arn
  kms_data_key_reuse_period_seconds = 300
}
