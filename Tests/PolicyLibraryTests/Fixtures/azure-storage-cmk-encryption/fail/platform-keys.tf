variable "keys" {
  type    = list(string)
  default = []
}

resource "azurerm_storage_account" "platform" {
  name                     = "acmeplatform"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "optional" {
  name                     = "acmeoptional"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  dynamic "customer_managed_key" {
    for_each = var.keys
    content {
      key_vault_key_id = customer_managed_key.value
    }
  }
}

resource "azurerm_storage_account_customer_managed_key" "elsewhere" {
  storage_account_id = "/subscriptions/0000/resourceGroups/storage/providers/Microsoft.Storage/storageAccounts/other"
  key_vault_id       = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme-keys"
  key_name           = "storage"
}
