resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "PassOnlyTheWorkerRole"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/worker"]
  }

  statement {
    sid       = "ReadIam"
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

resource "aws_iam_role_policy" "self_service" {
  name = "self-service"
  role = "people"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:ChangePassword", "iam:CreateVirtualMFADevice"]
      Resource = "*"
    }]
  })
}
