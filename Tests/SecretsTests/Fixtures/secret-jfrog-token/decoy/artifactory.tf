provider "artifactory" {
  url          = "https://acme.jfrog.io"
  access_token = var.artifactory_token
}
# JFROG_ACCESS_TOKEN=${JF_ACCESS_TOKEN}
