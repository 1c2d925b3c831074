locals {
  default_action = "Allow"
}

resource "azurerm_key_vault" "open" {
  name                = "acme-open"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "allow" {
  name                = "acme-allow"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = local.default_action
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_key_vault" "public" {
  name                          = "acme-public"
  location                      = "westeurope"
  resource_group_name           = "security"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = true
}
