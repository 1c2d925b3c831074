variable "protect" {
  type    = bool
  default = false
}

resource "azurerm_key_vault" "defaulted" {
  name                = "acme-defaulted"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "variable" {
  name                       = "acme-variable"
  location                   = "westeurope"
  resource_group_name        = "security"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 30
  purge_protection_enabled   = var.protect
}

resource "azurerm_key_vault" "legacy" {
  name                     = "acme-legacy"
  location                 = "westeurope"
  resource_group_name      = "security"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  soft_delete_enabled      = false
  purge_protection_enabled = true
}
