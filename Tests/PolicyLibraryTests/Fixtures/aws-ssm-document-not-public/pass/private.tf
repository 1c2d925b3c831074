resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    description   = "patch"
    mainSteps     = [{ action = "aws:runShellScript", name = "patch", inputs = { runCommand = ["yum -y update"] } }]
  })
}

resource "aws_ssm_document" "shared" {
  name          = "shared"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    description   = "shared with two accounts"
    mainSteps     = [{ action = "aws:runShellScript", name = "hello", inputs = { runCommand = ["echo hello"] } }]
  })
  permissions = {
    type        = "Share"
    account_ids = "111122223333,444455556666"
  }
}
