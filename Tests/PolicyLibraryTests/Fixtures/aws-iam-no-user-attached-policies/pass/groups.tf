resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.ops.name]
}

resource "aws_iam_policy_attachment" "roles_and_groups" {
  name       = "shared"
  roles      = ["deployer"]
  groups     = [aws_iam_group.ops.name]
  users      = []
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
