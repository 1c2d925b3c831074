variable "network_policy" {
  type    = string
  default = "none"
}

resource "azurerm_kubernetes_cluster" "kubenet" {
  name                = "acme-kubenet"
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

resource "azurerm_kubernetes_cluster" "plugin_only" {
  name                = "acme-plugin-only"
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

  network_profile {
    network_plugin = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "variable" {
  name                = "acme-variable"
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

  network_profile {
    network_plugin = "azure"
    network_policy = var.network_policy
  }
}
