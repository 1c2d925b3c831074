locals {
  tracing_mode = "PassThrough"
}

resource "aws_lambda_function" "unset" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"
}

resource "aws_lambda_function" "from_local" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "worker.zip"

  tracing_config {
    mode = local.tracing_mode
  }
}
