variable "public_tasks" {
  type    = bool
  default = true
}

resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/api:3"
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = true
  }
}

resource "aws_ecs_service" "from_variable" {
  name            = "from-variable"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:1"
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = var.public_tasks
  }
}
