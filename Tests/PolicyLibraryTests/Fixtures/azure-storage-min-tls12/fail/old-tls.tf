locals {
  tls = "TLS1_1"
}

resource "azurerm_storage_account" "tls10" {
  name                     = "acmetls10"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_0"
}

resource "azurerm_storage_account" "tls11" {
  name                     = "acmetls11"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = local.tls
}
