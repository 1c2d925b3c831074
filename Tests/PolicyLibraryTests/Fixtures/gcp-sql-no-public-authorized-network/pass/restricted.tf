resource "google_sql_database_instance" "office" {
  name             = "orders"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }

      authorized_networks {
        name  = "vpn"
        value = "198.51.100.7/32"
      }
    }
  }
}

resource "google_sql_database_instance" "private" {
  name             = "billing"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme/global/networks/prod"
    }
  }
}

resource "google_sql_database_instance" "no_settings_block" {
  name             = "clone"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
}
