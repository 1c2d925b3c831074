variable "share_with" {
  type    = string
  default = "All"
}

resource "aws_ssm_document" "bootstrap" {
  name          = "bootstrap"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    description   = "bootstrap"
    mainSteps     = [{ action = "aws:runShellScript", name = "run", inputs = { runCommand = ["./bootstrap.sh"] } }]
  })
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}

resource "aws_ssm_document" "configured" {
  name          = "configured"
  document_type = "Automation"
  content = jsonencode({
    schemaVersion = "0.3"
    description   = "configured"
    mainSteps     = [{ action = "aws:sleep", name = "wait", inputs = { Duration = "PT1M" } }]
  })
  permissions = {
    type        = "Share"
    account_ids = var.share_with
  }
}
