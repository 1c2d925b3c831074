variable "db_password" {
  type      = string
  sensitive = true
  default   = "QMuL6nsNGdErmGv2"
}
