variable "tls_floor" {
  type    = string
  default = "TLS1_1"
}

resource "azurerm_mssql_server" "old" {
  name                = "acme-sql"
  resource_group_name = "data"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.0"
}

resource "azurerm_mssql_server" "disabled" {
  name                = "acme-sql-any"
  resource_group_name = "data"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "Disabled"
}

resource "azurerm_mysql_server" "mysql" {
  name                             = "acme-mysql"
  resource_group_name              = "data"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = var.tls_floor
}

resource "azurerm_postgresql_server" "pg" {
  name                             = "acme-pg"
  resource_group_name              = "data"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = false
  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"
}
