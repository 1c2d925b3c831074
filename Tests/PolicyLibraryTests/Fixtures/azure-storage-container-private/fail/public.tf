locals {
  access = "blob"
}

resource "azurerm_storage_container" "listing" {
  name                  = "assets"
  storage_account_name  = "acme"
  container_access_type = "container"
}

resource "azurerm_storage_container" "blobs" {
  name                  = "downloads"
  storage_account_id    = "/subscriptions/0000/resourceGroups/storage/providers/Microsoft.Storage/storageAccounts/acme"
  container_access_type = local.access
}
