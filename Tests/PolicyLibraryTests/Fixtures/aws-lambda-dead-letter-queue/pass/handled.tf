resource "aws_sqs_queue" "failed" {
  name = "thumbnailer-failed"
}

resource "aws_lambda_function" "dlq" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::111122223333:role/thumbnailer"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "thumbnailer.zip"

  dead_letter_config {
    target_arn = aws_sqs_queue.failed.arn
  }
}

resource "aws_lambda_function" "destination" {
  function_name = "indexer"
  role          = "arn:aws:iam::111122223333:role/indexer"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "indexer.zip"
}

resource "aws_lambda_function_event_invoke_config" "indexer" {
  function_name = aws_lambda_function.destination.function_name

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed.arn
    }
  }
}
