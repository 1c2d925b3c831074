variable "auth" {
  type    = string
  default = "NONE"
}

resource "aws_lambda_function_url" "webhook" {
  function_name      = "webhook"
  authorization_type = "NONE"
}

resource "aws_lambda_function_url" "configured" {
  function_name      = "api"
  authorization_type = var.auth
}
