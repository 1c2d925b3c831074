locals {
  allow_keys = true
}

resource "azurerm_storage_account" "defaulted" {
  name                     = "acmedefaulted"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "local" {
  name                      = "acmelocal"
  resource_group_name       = "storage"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = local.allow_keys
}
