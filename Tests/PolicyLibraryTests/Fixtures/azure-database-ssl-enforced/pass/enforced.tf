resource "azurerm_postgresql_server" "pg" {
  name                             = "acme-pg"
  resource_group_name              = "data"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_mysql_server" "legacy" {
  name                = "acme-mysql"
  resource_group_name = "data"
  location            = "westeurope"
  sku_name            = "GP_Gen5_2"
  version             = "5.7"
  ssl_enforcement     = "Enabled"
}
