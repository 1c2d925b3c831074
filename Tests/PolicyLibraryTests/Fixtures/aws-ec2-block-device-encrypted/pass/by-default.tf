# Encryption by default covers every new volume in the region.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
  }
}
