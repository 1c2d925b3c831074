variable "dlq_arn" {
  type    = string
  default = null
}

resource "aws_lambda_function" "unset" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::111122223333:role/thumbnailer"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "thumbnailer.zip"
}

resource "aws_lambda_function" "from_variable" {
  function_name = "indexer"
  role          = "arn:aws:iam::111122223333:role/indexer"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "indexer.zip"

  dynamic "dead_letter_config" {
    for_each = var.dlq_arn == null ? [] : [var.dlq_arn]
    content {
      target_arn = dead_letter_config.value
    }
  }
}

# Only a success destination: failed events are still dropped.
resource "aws_lambda_function" "success_only" {
  function_name = "mailer"
  role          = "arn:aws:iam::111122223333:role/mailer"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "mailer.zip"
}

resource "aws_lambda_function_event_invoke_config" "mailer" {
  function_name = aws_lambda_function.success_only.function_name

  destination_config {
    on_success {
      destination = "arn:aws:sqs:eu-west-1:111122223333:mailer-done"
    }
  }
}
