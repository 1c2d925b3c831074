resource "azurerm_network_security_group" "app" {
  name                = "app-nsg"
  location            = "westeurope"
  resource_group_name = "app"

  security_rule {
    name                       = "ssh-from-office"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "203.0.113.0/24"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "web"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["80", "443", "8000-8080"]
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "deny-ssh"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "empty" {
  name                = "empty-nsg"
  location            = "westeurope"
  resource_group_name = "app"
}

resource "azurerm_network_security_rule" "ssh_out" {
  name                        = "ssh-out"
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "Internet"
  resource_group_name         = "app"
  network_security_group_name = azurerm_network_security_group.empty.name
}

resource "azurerm_network_security_rule" "vnet_ssh" {
  name                        = "ssh-from-vnet"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["VirtualNetwork", "10.20.0.0/16"]
  destination_address_prefix  = "*"
  resource_group_name         = "app"
  network_security_group_name = azurerm_network_security_group.empty.name
}

resource "azurerm_network_security_rule" "udp_ssh" {
  name                        = "udp-22"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "app"
  network_security_group_name = azurerm_network_security_group.empty.name
}
