resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = "/subscriptions/0000/resourceGroups/data/providers/Microsoft.Sql/servers/acme-sql"
  start_ip_address = "203.0.113.0"
  end_ip_address   = "203.0.113.255"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "azure_services" {
  name             = "azure-services"
  server_id        = "/subscriptions/0000/resourceGroups/data/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme-pg"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mysql_flexible_server_firewall_rule" "ci" {
  name                = "ci"
  resource_group_name = "data"
  server_name         = "acme-mysql"
  start_ip_address    = "198.51.100.10"
  end_ip_address      = "198.51.100.10"
}
