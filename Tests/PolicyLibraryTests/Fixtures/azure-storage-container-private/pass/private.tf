resource "azurerm_storage_container" "defaulted" {
  name               = "reports"
  storage_account_id = "/subscriptions/0000/resourceGroups/storage/providers/Microsoft.Storage/storageAccounts/acme"
}

resource "azurerm_storage_container" "explicit" {
  name                  = "backups"
  storage_account_name  = "acme"
  container_access_type = "private"
}
