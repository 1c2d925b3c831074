resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function_url" "live" {
  function_name      = "api"
  qualifier          = "live"
  authorization_type = "AWS_IAM"
  cors {
    allow_origins = ["https://example.com"]
  }
}
