variable "caller" {
  type    = string
  default = "*"
}

resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAll"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnailer"
  principal     = "*"
}

resource "aws_lambda_permission" "url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "thumbnailer"
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "from_variable" {
  statement_id  = "AllowCaller"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnailer"
  principal     = var.caller
}
