resource "azurerm_kubernetes_cluster" "calico" {
  name                = "acme-calico"
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
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster" "cilium" {
  name                = "acme-cilium"
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
    network_plugin     = "azure"
    network_data_plane = "cilium"
    network_policy     = "cilium"
  }
}
