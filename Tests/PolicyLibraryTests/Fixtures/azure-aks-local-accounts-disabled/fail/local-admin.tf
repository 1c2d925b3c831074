locals {
  disable_local = false
}

resource "azurerm_kubernetes_cluster" "defaulted" {
  name                = "acme-defaulted"
  location            = "westeurope"
  resource_group_name = "k8s"
  dns_prefix          = "acme"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "local" {
  name                   = "acme-local"
  location               = "westeurope"
  resource_group_name    = "k8s"
  dns_prefix             = "acme"
  local_account_disabled = local.disable_local

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
