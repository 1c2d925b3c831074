provider "harness" {
  platform_api_key = var.harness_api_key # pat.<account>.<id>.<secret>
}
locals {
  note = "a token pat.short.value is not a Harness token"
}
