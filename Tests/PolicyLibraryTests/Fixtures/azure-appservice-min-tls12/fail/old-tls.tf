variable "tls_version" {
  type    = string
  default = "1.0"
}

resource "azurerm_linux_web_app" "api" {
  name                = "acme-api"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_windows_web_app" "portal" {
  name                = "acme-portal"
  resource_group_name = "web"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = var.tls_version
  }
}

resource "azurerm_app_service" "legacy" {
  name                = "acme-legacy"
  resource_group_name = "web"
  location            = "westeurope"
  app_service_plan_id = "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Web/serverFarms/plan"

  site_config {
    min_tls_version = "1.0"
  }
}
