variable "retention_days" {
  type    = list(number)
  default = []
}

resource "azurerm_storage_account" "bare" {
  name                     = "acmebare"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "versioned" {
  name                     = "acmeversioned"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_account" "dynamic" {
  name                     = "acmedynamic"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  blob_properties {
    dynamic "delete_retention_policy" {
      for_each = var.retention_days
      content {
        days = delete_retention_policy.value
      }
    }
  }
}
