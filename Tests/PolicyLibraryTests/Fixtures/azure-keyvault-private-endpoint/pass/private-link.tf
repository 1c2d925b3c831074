resource "azurerm_key_vault" "app" {
  name                          = "acme-app"
  location                      = "westeurope"
  resource_group_name           = "security"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "vault" {
  name                = "acme-app-vault"
  location            = "westeurope"
  resource_group_name = "security"
  subnet_id           = "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/endpoints"

  private_service_connection {
    name                           = "vault"
    private_connection_resource_id = azurerm_key_vault.app.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
