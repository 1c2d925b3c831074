resource "azurerm_key_vault" "protected" {
  name                       = "acme-protected"
  location                   = "westeurope"
  resource_group_name        = "security"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 90
  purge_protection_enabled   = true
}

resource "azurerm_key_vault" "legacy" {
  name                     = "acme-legacy"
  location                 = "westeurope"
  resource_group_name      = "security"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  soft_delete_enabled      = true
  purge_protection_enabled = true
}
