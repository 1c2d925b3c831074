resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = "thumbnailer"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::uploads"
  source_account = "111122223333"
}

resource "aws_lambda_permission" "partner" {
  statement_id  = "AllowPartner"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnailer"
  principal     = "444455556666"
}

resource "aws_lambda_permission" "organisation" {
  statement_id     = "AllowOrg"
  action           = "lambda:InvokeFunction"
  function_name    = "thumbnailer"
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}
