variable "encrypt_data" {
  type    = bool
  default = false
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "db" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  root_block_device {
    encrypted = false
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    volume_size = 500
    encrypted   = var.encrypt_data
  }
}

resource "aws_launch_configuration" "workers" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 30
  }
}
