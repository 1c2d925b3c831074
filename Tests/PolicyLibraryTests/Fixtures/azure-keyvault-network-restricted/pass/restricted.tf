resource "azurerm_key_vault" "deny" {
  name                = "acme-deny"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = ["203.0.113.0/24"]
    virtual_network_subnet_ids = ["/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apps"]
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "acme-private"
  location                      = "westeurope"
  resource_group_name           = "security"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  public_network_access_enabled = false
}
