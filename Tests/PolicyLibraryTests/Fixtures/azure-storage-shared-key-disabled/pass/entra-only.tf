resource "azurerm_storage_account" "entra" {
  name                      = "acmeentra"
  resource_group_name       = "storage"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = false
}
