resource "azurerm_storage_account" "private" {
  name                          = "acmeprivate"
  resource_group_name           = "storage"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "ZRS"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "blob" {
  name                = "acmeprivate-blob"
  location            = "westeurope"
  resource_group_name = "storage"
  subnet_id           = "/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/data"

  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.private.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}
