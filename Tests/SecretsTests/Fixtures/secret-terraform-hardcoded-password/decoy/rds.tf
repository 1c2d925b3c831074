resource "aws_db_instance" "billing" {
  username = "billing"
  password = var.db_password
}
resource "aws_db_instance" "reports" {
  password = "${random_password.reports.result}"
}
resource "azurerm_mssql_server" "dev" {
  administrator_login_password = "P@ssw0rd123"
}
resource "aws_db_instance" "sandbox" {
  password = "changeme123"
}
resource "random_password" "reports" {
  length = 24
}
