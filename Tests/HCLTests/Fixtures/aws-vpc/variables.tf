variable "name" {
  description = "Prefix for every resource this module creates"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "The name must start with a letter and hold only lower-case letters, digits and dashes."
  }
}

variable "cidr" {
  description = "The IPv4 range of the network"
  type        = string
  default     = "10.20.0.0/16"
}

variable "zones" {
  description = "Availability zones to spread subnets over"
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "public_subnets" {
  type    = list(string)
  default = []
}

variable "private_subnets" {
  type    = list(string)
  default = []
}

variable "nat" {
  description = "How NAT gateways are laid out"
  type = object({
    enabled    = optional(bool, true)
    one_per_az = optional(bool, false)
    eip_ids    = optional(list(string), [])
  })
  default = {}
}

variable "flow_log" {
  type = object({
    destination = string # "s3" or "cloud-watch-logs"
    retention   = optional(number, 30)
  })
  default  = null
  nullable = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
