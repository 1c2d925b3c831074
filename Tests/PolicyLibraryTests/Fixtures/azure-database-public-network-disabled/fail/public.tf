variable "public_access" {
  type    = bool
  default = true
}

resource "azurerm_mssql_server" "defaulted" {
  name                = "acme-sql"
  resource_group_name = "data"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_postgresql_server" "explicit" {
  name                          = "acme-pg"
  resource_group_name           = "data"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = true
}

resource "azurerm_mysql_server" "variable" {
  name                          = "acme-mysql"
  resource_group_name           = "data"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "8.0"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = var.public_access
}

resource "azurerm_mysql_flexible_server" "firewall" {
  name                = "acme-flex"
  resource_group_name = "data"
  location            = "westeurope"
  sku_name            = "B_Standard_B1ms"
}

resource "azurerm_mysql_flexible_server" "enabled" {
  name                  = "acme-flex-enabled"
  resource_group_name   = "data"
  location              = "westeurope"
  sku_name              = "B_Standard_B1ms"
  public_network_access = "Enabled"
}
