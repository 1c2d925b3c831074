variable "rotation_days" {
  type    = number
  default = 365
}

resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
}

resource "aws_secretsmanager_secret" "api" {
  name = "billing/api-key"
}

resource "aws_secretsmanager_secret_rotation" "api" {
  secret_id           = aws_secretsmanager_secret.api.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-api-key"

  rotation_rules {
    automatically_after_days = var.rotation_days
  }
}

resource "aws_secretsmanager_secret" "token" {
  name = "reports/token"
}

resource "aws_secretsmanager_secret_rotation" "token" {
  secret_id           = aws_secretsmanager_secret.token.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-token"

  rotation_rules {
    schedule_expression = "rate(180 days)"
  }
}

# A rotation of a secret created elsewhere, every six months.
resource "aws_secretsmanager_secret_rotation" "shared" {
  secret_id           = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/ldap-AbCdEf"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-ldap"

  rotation_rules {
    schedule_expression = "cron(0 4 1 */6 ? *)"
  }
}
