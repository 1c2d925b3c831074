resource "azurerm_kubernetes_cluster" "entra" {
  name                   = "acme-entra"
  location               = "westeurope"
  resource_group_name    = "k8s"
  dns_prefix             = "acme"
  local_account_disabled = true

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["11111111-1111-1111-1111-111111111111"]
  }
}
