resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode([
    {
      name       = "api"
      image      = "111122223333.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2"
      essential  = true
      privileged = false
      environment = [
        { name = "NOTE", value = "\"privileged\": true is not allowed here" }
      ]
    },
    {
      name      = "sidecar"
      image     = "111122223333.dkr.ecr.us-east-1.amazonaws.com/proxy:2.0"
      essential = false
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
        "essential": true,
        "linuxParameters": { "capabilities": { "add": ["NET_ADMIN"] } }
      }
    ]
  JSON
}
