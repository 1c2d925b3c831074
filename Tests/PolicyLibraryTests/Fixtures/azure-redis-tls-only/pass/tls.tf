resource "azurerm_redis_cache" "defaulted" {
  name                = "acme-cache"
  location            = "westeurope"
  resource_group_name = "cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "explicit" {
  name                 = "acme-cache-explicit"
  location             = "westeurope"
  resource_group_name  = "cache"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = false
  minimum_tls_version  = "1.2"
}

resource "azurerm_redis_cache" "legacy" {
  name                = "acme-cache-legacy"
  location            = "westeurope"
  resource_group_name = "cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = false
  minimum_tls_version = 1.2
}
