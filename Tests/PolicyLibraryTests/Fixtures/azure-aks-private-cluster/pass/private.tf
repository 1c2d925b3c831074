resource "azurerm_kubernetes_cluster" "private" {
  name                       = "aks-private"
  location                   = "westeurope"
  resource_group_name        = "aks"
  dns_prefix_private_cluster = "private"
  private_cluster_enabled    = true
  private_dns_zone_id        = "System"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
