resource "azurerm_container_registry" "defaulted" {
  name                = "acmeimages"
  resource_group_name = "build"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "explicit" {
  name                = "acmeexplicit"
  resource_group_name = "build"
  location            = "westeurope"
  sku                 = "Standard"
  admin_enabled       = false
}
