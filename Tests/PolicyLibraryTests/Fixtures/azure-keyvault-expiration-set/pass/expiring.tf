resource "azurerm_key_vault_key" "data" {
  name            = "data"
  key_vault_id    = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2027-06-30T00:00:00Z"

  rotation_policy {
    expire_after         = "P180D"
    notify_before_expiry = "P30D"
  }
}

resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  value           = "placeholder"
  key_vault_id    = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme"
  content_type    = "password"
  expiration_date = time_offset.db_expiry.rfc3339
}

resource "time_offset" "db_expiry" {
  offset_days = 90
}
