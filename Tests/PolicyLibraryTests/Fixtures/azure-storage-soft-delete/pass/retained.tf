resource "azurerm_storage_account" "retained" {
  name                     = "acmeretained"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 30
    }

    container_delete_retention_policy {
      days = 30
    }
  }
}

resource "azurerm_storage_account" "default_days" {
  name                     = "acmedefaultdays"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    delete_retention_policy {}
  }
}

resource "azurerm_storage_account" "files" {
  name                     = "acmefiles"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_kind             = "FileStorage"
  account_tier             = "Premium"
  account_replication_type = "LRS"
}
