resource "aws_kms_key" "data" {
  description             = "application data"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

resource "aws_kms_key" "explicit_symmetric" {
  description              = "logs"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = true
}

# Asymmetric and HMAC keys cannot rotate automatically: not checked.
resource "aws_kms_key" "signing" {
  description              = "release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "hmac" {
  description              = "tokens"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}
