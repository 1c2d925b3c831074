variable "senders" {
  type    = string
  default = "*"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}

resource "aws_sqs_queue" "inbox" {
  name = "inbox"
}

resource "aws_sqs_queue_policy" "inbox" {
  queue_url = aws_sqs_queue.inbox.id
  policy    = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "${var.senders}",
        "Action": "sqs:*",
        "Resource": "${aws_sqs_queue.inbox.arn}",
        "Condition": {"Bool": {"aws:SecureTransport": "true"}}
      }]
    }
  EOT
}
