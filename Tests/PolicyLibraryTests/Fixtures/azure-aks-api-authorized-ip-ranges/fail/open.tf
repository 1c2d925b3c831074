variable "admin_ranges" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "azurerm_kubernetes_cluster" "open" {
  name                = "acme-open"
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

  api_server_access_profile {
    authorized_ip_ranges = var.admin_ranges
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                            = "acme-legacy"
  location                        = "westeurope"
  resource_group_name             = "k8s"
  dns_prefix                      = "acme"
  private_cluster_enabled         = false
  api_server_authorized_ip_ranges = ["10.0.0.0/8", "0.0.0.0/0"]

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
