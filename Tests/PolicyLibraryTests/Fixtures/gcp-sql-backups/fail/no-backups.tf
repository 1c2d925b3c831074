locals {
  backups = false
}

resource "google_sql_database_instance" "no_block" {
  name             = "orders"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "local" {
  name             = "billing"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-n1-standard-2"

    backup_configuration {
      enabled            = local.backups
      binary_log_enabled = false
    }
  }
}

resource "google_sql_database_instance" "start_time_only" {
  name             = "reports"
  database_version = "SQLSERVER_2022_STANDARD"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      start_time = "03:00"
    }
  }
}
