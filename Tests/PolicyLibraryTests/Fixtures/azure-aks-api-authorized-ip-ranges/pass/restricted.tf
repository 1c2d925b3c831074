resource "azurerm_kubernetes_cluster" "ranges" {
  name                = "acme-ranges"
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

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", "198.51.100.10/32"]
  }
}

resource "azurerm_kubernetes_cluster" "private" {
  name                    = "acme-private"
  location                = "westeurope"
  resource_group_name     = "k8s"
  dns_prefix              = "acme"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                            = "acme-legacy"
  location                        = "westeurope"
  resource_group_name             = "k8s"
  dns_prefix                      = "acme"
  api_server_authorized_ip_ranges = ["203.0.113.0/24"]

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
