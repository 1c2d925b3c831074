resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    ip_rules                   = ["203.0.113.0/24"]
    virtual_network_subnet_ids = ["/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apps"]
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "acmeseparate"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  default_action     = "Deny"
  ip_rules           = ["198.51.100.7"]
  bypass             = ["Logging", "Metrics"]
}

resource "azurerm_storage_account" "private" {
  name                          = "acmeprivate"
  resource_group_name           = "storage"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}
