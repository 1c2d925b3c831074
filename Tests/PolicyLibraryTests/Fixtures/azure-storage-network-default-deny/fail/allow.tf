variable "default_action" {
  type    = string
  default = "Allow"
}

resource "azurerm_storage_account" "open" {
  name                     = "acmeopen"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "inline" {
  name                     = "acmeinline"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = "Allow"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "acmeseparate"
  resource_group_name      = "storage"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  default_action     = var.default_action
}
