output "vpc_id" {
  description = "The network's id"
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  value = [for key in sort(keys(local.subnets)) : aws_subnet.this[key].id if local.subnets[key].public]
}

output "private_subnet_ids" {
  value = [
    for key, subnet in aws_subnet.this : subnet.id
    if !local.subnets[key].public
  ]
}

output "subnets_by_zone" {
  description = "Subnet ids grouped by availability zone"
  value       = { for key, subnet in aws_subnet.this : subnet.availability_zone => subnet.id... }
}

output "nat_public_ips" {
  value = aws_nat_gateway.this.*.public_ip
}

output "legacy_first_nat" {
  value = length(aws_nat_gateway.this) > 0 ? aws_nat_gateway.this.0.id : null
}

output "summary" {
  value = <<-EOT
    Network ${var.name} (${aws_vpc.this.cidr_block})
    %{~ for key, subnet in local.subnets }
      - ${key}: ${subnet.cidr} in ${subnet.zone}%{ if subnet.public } (public)%{ endif }
    %{~ endfor }
  EOT
}
