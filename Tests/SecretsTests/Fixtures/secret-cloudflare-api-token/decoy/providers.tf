provider "cloudflare" {
  api_token = var.cloudflare_api_token
}
# CLOUDFLARE_API_TOKEN="${CF_TOKEN}"
