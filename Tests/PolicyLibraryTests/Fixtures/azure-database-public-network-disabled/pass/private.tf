resource "azurerm_mssql_server" "sql" {
  name                          = "acme-sql"
  resource_group_name           = "data"
  location                      = "westeurope"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "11111111-1111-1111-1111-111111111111"
    azuread_authentication_only = true
  }
}

resource "azurerm_postgresql_server" "pg" {
  name                          = "acme-pg"
  resource_group_name           = "data"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}

resource "azurerm_mysql_server" "mysql" {
  name                          = "acme-mysql"
  resource_group_name           = "data"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "8.0"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}

resource "azurerm_subnet" "mysql" {
  name                 = "mysql"
  resource_group_name  = "net"
  virtual_network_name = "hub"
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_mysql_flexible_server" "vnet" {
  name                = "acme-flex-vnet"
  resource_group_name = "data"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
  delegated_subnet_id = azurerm_subnet.mysql.id
}

resource "azurerm_mysql_flexible_server" "disabled" {
  name                  = "acme-flex-disabled"
  resource_group_name   = "data"
  location              = "westeurope"
  sku_name              = "GP_Standard_D2ds_v4"
  public_network_access = "Disabled"
}
