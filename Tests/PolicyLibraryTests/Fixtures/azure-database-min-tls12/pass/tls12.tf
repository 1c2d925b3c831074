resource "azurerm_mssql_server" "explicit" {
  name                = "acme-sql"
  resource_group_name = "data"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.2"
}

resource "azurerm_mssql_server" "defaulted" {
  name                = "acme-sql-default"
  resource_group_name = "data"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mysql_server" "mysql" {
  name                             = "acme-mysql"
  resource_group_name              = "data"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_postgresql_server" "pg" {
  name                    = "acme-pg"
  resource_group_name     = "data"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}
