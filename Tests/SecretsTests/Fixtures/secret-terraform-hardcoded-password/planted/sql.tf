resource "azurerm_mssql_server" "billing" {
  name                         = "billing-sql"
  resource_group_name          = azurerm_resource_group.billing.name
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "billingadmin"
  administrator_login_password = "A6AdxofRqoiR7UciiaCo"
}
