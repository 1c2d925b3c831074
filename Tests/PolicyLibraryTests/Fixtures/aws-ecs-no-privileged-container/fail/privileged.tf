variable "privileged" {
  type    = bool
  default = true
}

resource "aws_ecs_task_definition" "agent" {
  family = "agent"

  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "111122223333.dkr.ecr.us-east-1.amazonaws.com/agent:1.0"
      essential  = true
      privileged = true
    }
  ])
}

resource "aws_ecs_task_definition" "heredoc" {
  family = "heredoc"

  container_definitions = <<-JSON
    [
      {
        "name": "worker",
        "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/worker:3.1",
        "privileged" : true
      }
    ]
  JSON
}

resource "aws_ecs_task_definition" "from_variable" {
  family = "from-variable"

  container_definitions = jsonencode([
    {
      name       = "builder"
      image      = "111122223333.dkr.ecr.us-east-1.amazonaws.com/builder:2.2"
      privileged = var.privileged
    }
  ])
}
