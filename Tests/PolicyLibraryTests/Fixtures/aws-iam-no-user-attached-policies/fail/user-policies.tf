variable "user_name" {
  type    = string
  default = "bob"
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy" "alice" {
  name = "alice-s3"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

resource "aws_iam_user_policy_attachment" "bob" {
  user       = var.user_name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "mixed" {
  name       = "mixed"
  groups     = ["ops"]
  users      = [aws_iam_user.alice.name, var.user_name]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
