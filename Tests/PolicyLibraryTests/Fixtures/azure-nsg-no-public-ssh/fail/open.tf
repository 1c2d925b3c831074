variable "admin_ports" {
  type    = list(string)
  default = ["22", "443"]
}

resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "web"

  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "ssh"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "range" {
  name                        = "admin-range"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "20-25"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "web"
  network_security_group_name = azurerm_network_security_group.web.name
}

resource "azurerm_network_security_rule" "lists" {
  name                        = "admin-lists"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = var.admin_ports
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "web"
  network_security_group_name = azurerm_network_security_group.web.name
}

resource "azurerm_network_security_rule" "any_port" {
  name                        = "any-port"
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "Any"
  destination_address_prefix  = "*"
  resource_group_name         = "web"
  network_security_group_name = azurerm_network_security_group.web.name
}
