provider "artifactory" {
  url          = "https://acme.jfrog.io"
  access_token = "IVI8Q5covT4vRowdzEwaNunYDxrOiUR6G7tkLjTA2mIsuWS3cK9nXE4GhqWZBxF2"
}
