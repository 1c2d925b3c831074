resource "azurerm_storage_account" "defaulted" {
  name                     = "acmedefaulted"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "explicit" {
  name                       = "acmeexplicit"
  resource_group_name        = "storage"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true
}

resource "azurerm_storage_account" "legacy" {
  name                      = "acmelegacy"
  resource_group_name       = "storage"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = true
}
