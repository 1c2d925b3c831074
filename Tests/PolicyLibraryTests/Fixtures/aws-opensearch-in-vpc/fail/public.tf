variable "subnet_ids" {
  type    = list(string)
  default = []
}

resource "aws_opensearch_domain" "public" {
  domain_name    = "public"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "empty_subnets" {
  domain_name           = "empty-subnets"
  elasticsearch_version = "7.10"

  vpc_options {
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "aws_opensearch_domain" "from_variable" {
  domain_name    = "from-variable"
  engine_version = "OpenSearch_2.13"

  vpc_options {
    subnet_ids = var.subnet_ids
  }
}
