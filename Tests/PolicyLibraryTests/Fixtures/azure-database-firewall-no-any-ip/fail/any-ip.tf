variable "allowed_range" {
  type = object({ start = string, end = string })
  default = {
    start = "0.0.0.0"
    end   = "255.255.255.255"
  }
}

resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = "/subscriptions/0000/resourceGroups/data/providers/Microsoft.Sql/servers/acme-sql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_firewall_rule" "variable" {
  name                = "variable"
  resource_group_name = "data"
  server_name         = "acme-pg"
  start_ip_address    = var.allowed_range.start
  end_ip_address      = var.allowed_range.end
}

resource "azurerm_mariadb_firewall_rule" "everyone" {
  name                = "everyone"
  resource_group_name = "data"
  server_name         = "acme-maria"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}

resource "azurerm_sql_firewall_rule" "everyone" {
  name                = "everyone"
  resource_group_name = "data"
  server_name         = "acme-legacy-sql"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}
