variable "vault_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/security/providers/Microsoft.KeyVault/vaults/acme-shared"
}

resource "azurerm_key_vault" "app" {
  name                = "acme-app"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_key_vault" "shared" {
  name                = "acme-shared"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

# Points at the shared vault by a hard-coded ID, not by reference: Palisade cannot tie it to the vault.
resource "azurerm_private_endpoint" "shared" {
  name                = "acme-shared-vault"
  location            = "westeurope"
  resource_group_name = "security"
  subnet_id           = "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/endpoints"

  private_service_connection {
    name                           = "vault"
    private_connection_resource_id = var.vault_id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
