locals {
  rbac = false
}

resource "azurerm_kubernetes_cluster" "current" {
  name                              = "aks-current"
  location                          = "westeurope"
  resource_group_name               = "aks"
  dns_prefix                        = "current"
  role_based_access_control_enabled = local.rbac

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                = "aks-legacy"
  location            = "westeurope"
  resource_group_name = "aks"
  dns_prefix          = "legacy"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v3"
  }

  role_based_access_control {
    enabled = false
  }

  identity {
    type = "SystemAssigned"
  }
}
