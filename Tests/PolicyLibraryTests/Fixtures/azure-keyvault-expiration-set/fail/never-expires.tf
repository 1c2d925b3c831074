variable "secret_expiry" {
  type    = string
  default = null
}

resource "azurerm_key_vault_key" "data" {
  name         = "data"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["encrypt", "decrypt"]
}

resource "azurerm_key_vault_secret" "api" {
  name         = "api-token"
  value        = "placeholder"
  key_vault_id = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
}

resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  value           = "placeholder"
  key_vault_id    = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  expiration_date = var.secret_expiry
}
