resource "aws_identitystore_user" "alice" {
  identity_store_id = "d-1234567890"
  display_name      = "Alice Example"
  user_name         = "alice"
  name {
    given_name  = "Alice"
    family_name = "Example"
  }
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
    }]
  })
}
