variable "public_blobs" {
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
  name                            = "acmeexplicit"
  resource_group_name             = "storage"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.public_blobs
}

resource "azurerm_storage_account" "legacy" {
  name                     = "acmelegacy"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  allow_blob_public_access = true
}
