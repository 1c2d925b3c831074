variable "public_access" {
  type    = bool
  default = true
}

resource "azurerm_storage_account" "defaulted" {
  name                     = "acmedefaulted"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "explicit" {
  name                          = "acmeexplicit"
  resource_group_name           = "storage"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = true
}

resource "azurerm_storage_account" "variable" {
  name                          = "acmevariable"
  resource_group_name           = "storage"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = var.public_access
}
