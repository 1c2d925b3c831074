variable "https_only" {
  type    = bool
  default = false
}

resource "azurerm_linux_web_app" "api" {
  name                = "acme-api"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"

  site_config {}
}

resource "azurerm_windows_web_app" "portal" {
  name                = "acme-portal"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"
  https_only          = var.https_only

  site_config {}
}

resource "azurerm_app_service" "legacy" {
  name                = "acme-legacy"
  resource_group_name = "web"
  location            = "westeurope"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"
  https_only          = false
}
