resource "azurerm_linux_web_app" "api" {
  name                = "acme-api"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"
  https_only          = true

  site_config {}
}

resource "azurerm_windows_web_app" "portal" {
  name                = "acme-portal"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"
  https_only          = true

  site_config {}
}

resource "azurerm_app_service" "legacy" {
  name                = "acme-legacy"
  resource_group_name = "web"
  location            = "westeurope"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"
  https_only          = true
}
