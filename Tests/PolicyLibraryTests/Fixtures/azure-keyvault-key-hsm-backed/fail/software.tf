locals {
  key_type = "EC"
}

resource "azurerm_key_vault_key" "rsa" {
  name         = "wrap"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_key_vault_key" "ec" {
  name         = "sign"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = local.key_type
  curve        = "P-256"
  key_opts     = ["sign", "verify"]
}
