provider "cloudflare" {
  api_token = "p5oA0Y9HGrLiPZ3-bbABw9Jl59QQ2Kfi39FNp0bj"
}
