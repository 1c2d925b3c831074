variable "private" {
  type    = bool
  default = false
}

resource "azurerm_kubernetes_cluster" "defaulted" {
  name                = "aks-defaulted"
  location            = "westeurope"
  resource_group_name = "aks"
  dns_prefix          = "defaulted"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "variable" {
  name                    = "aks-variable"
  location                = "westeurope"
  resource_group_name     = "aks"
  dns_prefix              = "variable"
  private_cluster_enabled = var.private

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
