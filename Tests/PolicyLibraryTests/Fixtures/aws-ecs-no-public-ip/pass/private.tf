resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/api:3"
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    security_groups  = ["sg-0123456789abcdef0"]
    assign_public_ip = false
  }
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:1"
  launch_type     = "FARGATE"

  network_configuration {
    subnets = ["subnet-0123456789abcdef0"]
  }
}

# Bridge networking: no network_configuration at all.
resource "aws_ecs_service" "legacy" {
  name            = "legacy"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/legacy:7"
  launch_type     = "EC2"
}
