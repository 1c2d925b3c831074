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

resource "azurerm_kubernetes_cluster" "entra" {
  name                              = "aks-entra"
  location                          = "westeurope"
  resource_group_name               = "aks"
  dns_prefix                        = "entra"
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = "00000000-0000-0000-0000-000000000000"
  }

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
    enabled = true
  }

  identity {
    type = "SystemAssigned"
  }
}
