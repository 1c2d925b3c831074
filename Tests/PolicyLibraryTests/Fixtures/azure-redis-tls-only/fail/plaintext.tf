variable "min_tls" {
  type    = string
  default = "1.0"
}

resource "azurerm_redis_cache" "open_port" {
  name                 = "acme-cache"
  location             = "westeurope"
  resource_group_name  = "cache"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true
}

resource "azurerm_redis_cache" "legacy" {
  name                = "acme-cache-legacy"
  location            = "westeurope"
  resource_group_name = "cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = true
  minimum_tls_version = "1.1"
}

resource "azurerm_redis_cache" "variable" {
  name                = "acme-cache-variable"
  location            = "westeurope"
  resource_group_name = "cache"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.min_tls
}
