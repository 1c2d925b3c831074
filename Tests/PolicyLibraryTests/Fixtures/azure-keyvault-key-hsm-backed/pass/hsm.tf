resource "azurerm_key_vault_key" "rsa" {
  name         = "wrap"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_key_vault_key" "ec" {
  name         = "sign"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "EC-HSM"
  curve        = "P-384"
  key_opts     = ["sign", "verify"]
}
