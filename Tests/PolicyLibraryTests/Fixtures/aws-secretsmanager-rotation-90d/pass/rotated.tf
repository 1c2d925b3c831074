resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-postgres"

  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "api" {
  name = "billing/api-key"
}

resource "aws_secretsmanager_secret_rotation" "api" {
  secret_id           = aws_secretsmanager_secret.api.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-api-key"

  rotation_rules {
    schedule_expression = "rate(90 days)"
  }
}

resource "aws_secretsmanager_secret" "token" {
  name = "reports/token"
}

resource "aws_secretsmanager_secret_rotation" "token" {
  secret_id           = aws_secretsmanager_secret.token.arn
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-token"

  rotation_rules {
    schedule_expression = "cron(0 4 1 * ? *)"
    duration            = "3h"
  }
}

resource "aws_secretsmanager_secret" "session" {
  name = "web/session-key"
}

resource "aws_secretsmanager_secret_rotation" "session" {
  secret_id           = aws_secretsmanager_secret.session.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-session"

  rotation_rules {
    schedule_expression = "rate(12 hours)"
  }
}
