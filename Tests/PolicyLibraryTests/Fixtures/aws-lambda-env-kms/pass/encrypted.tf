resource "aws_kms_key" "lambda" {
  description         = "Lambda environment"
  enable_key_rotation = true
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      TABLE = "orders"
    }
  }
}

# No environment variables: nothing to encrypt.
resource "aws_lambda_function" "cron" {
  function_name = "cron"
  role          = "arn:aws:iam::111122223333:role/cron"
  runtime       = "python3.12"
  handler       = "cron.handler"
  filename      = "cron.zip"
}

resource "aws_lambda_function" "empty_environment" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "worker.zip"

  environment {
    variables = {}
  }
}
