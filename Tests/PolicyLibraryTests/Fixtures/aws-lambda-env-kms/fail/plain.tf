variable "settings" {
  type = map(string)
  default = {
    STAGE = "prod"
  }
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"

  environment {
    variables = {
      TABLE = "orders"
    }
  }
}

resource "aws_lambda_function" "from_variable" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "worker.zip"

  environment {
    variables = var.settings
  }
}
