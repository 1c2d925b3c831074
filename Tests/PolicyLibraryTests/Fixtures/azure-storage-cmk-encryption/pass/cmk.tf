resource "azurerm_user_assigned_identity" "storage" {
  name                = "storage-cmk"
  resource_group_name = "storage"
  location            = "westeurope"
}

resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }

  customer_managed_key {
    key_vault_key_id          = "https://acme-keys.vault.azure.net/keys/storage"
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "acmeseparate"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account_customer_managed_key" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  key_vault_id       = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme-keys"
  key_name           = "storage"
}
