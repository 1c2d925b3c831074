variable "ssl_mode" {
  type    = string
  default = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
}

resource "google_sql_database_instance" "no_ip_config" {
  name             = "orders"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "allow_unencrypted" {
  name             = "billing"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = var.ssl_mode
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy"
  database_version = "POSTGRES_12"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = true
      require_ssl  = false
    }
  }
}
