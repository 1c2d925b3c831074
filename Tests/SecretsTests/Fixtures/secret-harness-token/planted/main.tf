provider "harness" {
  endpoint   = "https://app.harness.io/gateway"
  account_id = "px7xd_BFRCi-pfWPYXVjvw"
  platform_api_key = "pat.JN9SbIYeIZ3rHjrnPxa5zE.eyRyUjkBNhTkiW3vxgGg8lSl.HNVsDxe4p0DekhnbDE1Z"
}
