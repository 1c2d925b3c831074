variable "encrypt_hosts" {
  type    = bool
  default = false
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "acme-main"
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

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D8s_v5"
  node_count              = 2
  host_encryption_enabled = var.encrypt_hosts
}

resource "azurerm_kubernetes_cluster_node_pool" "legacy" {
  name                   = "legacy"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8s_v5"
  node_count             = 1
  enable_host_encryption = false
}

resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  name                  = "batch"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 1
}
