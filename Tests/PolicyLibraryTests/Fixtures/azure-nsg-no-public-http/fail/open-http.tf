variable "web_ports" {
  type    = list(string)
  default = ["80", "443"]
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
    name                       = "http"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "range" {
  name                        = "low-ports"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "1-1024"
  source_address_prefix       = "0.0.0.0/0"
  destination_address_prefix  = "*"
  resource_group_name         = "web"
  network_security_group_name = azurerm_network_security_group.web.name
}

resource "azurerm_network_security_rule" "lists" {
  name                        = "web-lists"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = var.web_ports
  source_address_prefixes     = ["10.0.0.0/8", "::/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "web"
  network_security_group_name = azurerm_network_security_group.web.name
}
