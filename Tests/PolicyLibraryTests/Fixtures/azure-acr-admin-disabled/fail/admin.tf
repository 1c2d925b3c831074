variable "enable_admin" {
  type    = bool
  default = true
}

resource "azurerm_container_registry" "admin" {
  name                = "acmeadmin"
  resource_group_name = "build"
  location            = "westeurope"
  sku                 = "Basic"
  admin_enabled       = true
}

resource "azurerm_container_registry" "variable" {
  name                = "acmevariable"
  resource_group_name = "build"
  location            = "westeurope"
  sku                 = "Standard"
  admin_enabled       = var.enable_admin
}
