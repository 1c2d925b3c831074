// A deterministic Terraform corpus, generated in memory: resources of a dozen shapes that
// together use what real modules use (tags objects, for_each over for expressions, dynamic
// blocks, heredocs with directives, jsonencode policies, conditionals, splats, templates),
// with variables, locals and outputs around them. The same resources are also written in the
// JSON syntax.

import BenchmarkSupport

/// One generated file.
struct CorpusFile {
    var name: String
    var bytes: [UInt8]
    var resources: Int
}

enum Corpus {
    static let regions = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2"]
    static let teams = ["payments", "search", "platform", "data", "identity", "edge"]

    /// `resources` resources in files of `perFile`, native syntax.
    static func native(resources: Int, perFile: Int, seed: UInt64 = 0x4C1_2026) -> [CorpusFile] {
        var generator = SeededGenerator(state: seed)
        var files: [CorpusFile] = []
        var made = 0
        while made < resources {
            let count = min(perFile, resources - made)
            var text = header(file: files.count, generator: &generator)
            for index in made..<(made + count) {
                text += resource(index, generator: &generator)
            }
            text += footer(first: made, count: count)
            files.append(CorpusFile(name: "file\(files.count).tf", bytes: Array(text.utf8), resources: count))
            made += count
        }
        return files
    }

    static func header(file: Int, generator: inout SeededGenerator) -> String {
        let team = generator.pick(teams)
        return """
            # Generated file \(file): resources of the \(team) team.

            variable "environment_\(file)" {
              description = "Where these resources run"
              type        = string
              default     = "\(generator.pick(["dev", "staging", "prod"]))"

              validation {
                condition     = contains(["dev", "staging", "prod"], var.environment_\(file))
                error_message = "Unknown environment ${var.environment_\(file)}."
              }
            }

            locals {
              team_\(file) = "\(team)"
              tags_\(file) = merge(var.default_tags, {
                Team        = local.team_\(file)
                Environment = var.environment_\(file)
                Region      = "\(generator.pick(regions))"
              })
              cidrs_\(file) = [for index in range(\(2 + generator.below(4))) : cidrsubnet("10.\(file % 250).0.0/16", 8, index)]
            }


            """
    }

    static func resource(_ index: Int, generator: inout SeededGenerator) -> String {
        let name = "r\(index)"
        switch index % 8 {
        case 0:
            return """
                resource "aws_s3_bucket" "\(name)" {
                  bucket        = "${local.prefix}-\(name)-${data.aws_caller_identity.current.account_id}"
                  force_destroy = var.environment != "prod"

                  tags = merge(local.common_tags, {
                    Name                 = "\(name)"
                    "cost-center"        = "cc-\(1000 + generator.below(9000))"
                    "data-classification" = \(generator.pick(["\"public\"", "\"internal\"", "\"confidential\""]))
                  })

                  lifecycle {
                    prevent_destroy = \(generator.pick(["true", "false"]))
                    ignore_changes  = [tags["LastScanned"]]
                  }
                }


                """
        case 1:
            return """
                resource "aws_security_group" "\(name)" {
                  name_prefix = "\(name)-"
                  vpc_id      = module.network.vpc_id

                  dynamic "ingress" {
                    for_each = { for rule in var.rules_\(index % 17) : "${rule.protocol}-${rule.port}" => rule if rule.enabled }
                    content {
                      description = "Allow ${ingress.value.protocol}/${ingress.value.port}"
                      from_port   = ingress.value.port
                      to_port     = ingress.value.port
                      protocol    = ingress.value.protocol
                      cidr_blocks = length(ingress.value.cidrs) > 0 ? ingress.value.cidrs : ["10.0.0.0/8"]
                    }
                  }

                  egress {
                    from_port   = 0
                    to_port     = 0
                    protocol    = "-1"
                    cidr_blocks = ["0.0.0.0/0"] # everything out
                  }
                }


                """
        case 2:
            return """
                resource "aws_instance" "\(name)" {
                  count         = var.instances_\(index % 11)
                  ami           = data.aws_ami.base.id
                  instance_type = var.environment == "prod" ? "\(generator.pick(["m7i.large", "c7i.xlarge", "r7i.large"]))" : "t3.small"
                  subnet_id     = element(module.network.private_subnet_ids, count.index)

                  metadata_options {
                    http_tokens   = "required"
                    http_endpoint = "enabled"
                  }

                  root_block_device {
                    volume_size = \(20 + generator.below(200))
                    encrypted   = true
                  }

                  user_data = <<-EOT
                    #!/bin/bash
                    echo "node ${count.index} of \(name)" > /etc/motd
                    %{ for pkg in var.packages ~}
                    dnf install -y ${pkg}
                    %{ endfor ~}
                  EOT

                  tags = merge(local.common_tags, { Name = format("%s-%02d", "\(name)", count.index + 1) })
                }


                """
        case 3:
            return """
                resource "aws_iam_policy" "\(name)" {
                  name        = "\(name)-access"
                  description = "Read access for \(name)"
                  policy = jsonencode({
                    Version = "2012-10-17"
                    Statement = [
                      {
                        Sid      = "Read"
                        Effect   = "Allow"
                        Action   = ["s3:GetObject", "s3:ListBucket"]
                        Resource = [aws_s3_bucket.r\(index - 3).arn, "${aws_s3_bucket.r\(index - 3).arn}/*"]
                      },
                      {
                        Sid       = "DenyInsecure"
                        Effect    = "Deny"
                        Action    = "s3:*"
                        Resource  = "*"
                        Condition = { Bool = { "aws:SecureTransport" = "false" } }
                      },
                    ]
                  })
                }


                """
        case 4:
            return """
                resource "aws_route53_record" "\(name)" {
                  for_each = toset(var.hostnames_\(index % 13))
                  zone_id  = data.aws_route53_zone.main.zone_id
                  name     = "${each.value}.\(generator.pick(["example.com", "example.org", "internal.example.net"]))"
                  type     = "A"

                  alias {
                    name                   = aws_lb.main.dns_name
                    zone_id                = aws_lb.main.zone_id
                    evaluate_target_health = true
                  }
                }


                """
        case 5:
            return """
                resource "aws_cloudwatch_metric_alarm" "\(name)" {
                  alarm_name          = "\(name)-cpu-high"
                  comparison_operator = "GreaterThanThreshold"
                  evaluation_periods  = \(1 + generator.below(5))
                  metric_name         = "CPUUtilization"
                  namespace           = "AWS/EC2"
                  period              = 300
                  statistic           = "Average"
                  threshold           = \(50 + generator.below(45)).5
                  alarm_actions       = [aws_sns_topic.alerts.arn]
                  dimensions = {
                    InstanceId = aws_instance.r\(index - 3)[0].id
                  }
                }


                """
        case 6:
            return """
                resource "aws_lambda_function" "\(name)" {
                  function_name = "\(name)"
                  role          = aws_iam_role.lambda.arn
                  handler       = "index.handler"
                  runtime       = "\(generator.pick(["python3.12", "nodejs20.x", "java21"]))"
                  filename      = "${path.module}/build/\(name).zip"
                  timeout       = \(3 + generator.below(60))

                  environment {
                    variables = {
                      TABLE  = aws_dynamodb_table.main.name
                      LEVEL  = var.environment == "prod" ? "INFO" : "DEBUG"
                      REGION = data.aws_region.current.name
                    }
                  }

                  vpc_config {
                    subnet_ids         = module.network.private_subnet_ids
                    security_group_ids = [aws_security_group.r\(index - 5).id]
                  }
                }


                """
        default:
            return """
                resource "aws_db_instance" "\(name)" {
                  identifier              = "\(name)"
                  engine                  = "postgres"
                  engine_version          = "16.\(1 + generator.below(3))"
                  instance_class          = "db.\(generator.pick(["t4g.medium", "r6g.large", "m6g.xlarge"]))"
                  allocated_storage       = \(20 + generator.below(500))
                  storage_encrypted       = true
                  backup_retention_period = var.environment == "prod" ? 30 : 1
                  multi_az                = var.environment == "prod"
                  username                = "app"
                  password                = random_password.db[\(index % 5)].result
                  vpc_security_group_ids  = aws_security_group.r\(index - 6)[*].id
                  skip_final_snapshot     = !(var.environment == "prod")
                }


                """
        }
    }

    static func footer(first: Int, count: Int) -> String {
        """
        output "ids_\(first)" {
          value = {
            for name, id in {
              first = "r\(first)"
              last  = "r\(first + count - 1)"
            } : name => id
          }
        }

        """
    }

    /// The same shapes in the JSON syntax (`.tf.json`), `resources` in files of `perFile`.
    static func json(resources: Int, perFile: Int, seed: UInt64 = 0x4C1_2026) -> [CorpusFile] {
        var generator = SeededGenerator(state: seed)
        var files: [CorpusFile] = []
        var made = 0
        while made < resources {
            let count = min(perFile, resources - made)
            var entries: [String] = []
            for index in made..<(made + count) {
                entries.append(jsonResource(index, generator: &generator))
            }
            let text = """
                {
                  "//": "Generated file \(files.count).",
                  "locals": {"tags_\(files.count)": {"Team": "\(generator.pick(teams))", "Environment": "${var.environment}"}},
                  "resource": [
                \(entries.joined(separator: ",\n"))
                  ],
                  "output": {"first_\(made)": {"value": "${aws_s3_bucket.r\(made).arn}"}}
                }

                """
            files.append(CorpusFile(name: "file\(files.count).tf.json", bytes: Array(text.utf8), resources: count))
            made += count
        }
        return files
    }

    static func jsonResource(_ index: Int, generator: inout SeededGenerator) -> String {
        let name = "r\(index)"
        switch index % 4 {
        case 0:
            return """
                    {"aws_s3_bucket": {"\(name)": {
                      "bucket": "${local.prefix}-\(name)",
                      "force_destroy": false,
                      "tags": {"Name": "\(name)", "cost-center": "cc-\(1000 + generator.below(9000))"},
                      "lifecycle": {"prevent_destroy": true}
                    }}}
                """
        case 1:
            return """
                    {"aws_security_group": {"\(name)": {
                      "name_prefix": "\(name)-",
                      "vpc_id": "${module.network.vpc_id}",
                      "dynamic": {"ingress": {
                        "for_each": "${var.rules}",
                        "content": {"from_port": "${ingress.value.port}", "to_port": "${ingress.value.port}", "protocol": "tcp"}
                      }}
                    }}}
                """
        case 2:
            return """
                    {"aws_instance": {"\(name)": {
                      "count": "${var.instances}",
                      "ami": "${data.aws_ami.base.id}",
                      "instance_type": "${var.environment == \\"prod\\" ? \\"m7i.large\\" : \\"t3.small\\"}",
                      "root_block_device": {"volume_size": \(20 + generator.below(200)), "encrypted": true},
                      "user_data": "#!/bin/bash\\necho \\"node ${count.index}\\" > /etc/motd\\n"
                    }}}
                """
        default:
            return """
                    {"aws_db_instance": {"\(name)": {
                      "identifier": "\(name)",
                      "engine": "postgres",
                      "allocated_storage": \(20 + generator.below(500)),
                      "storage_encrypted": true,
                      "backup_retention_period": "${var.environment == \\"prod\\" ? 30 : 1}",
                      "vpc_security_group_ids": ["${aws_security_group.r\(index - 2).id}"]
                    }}}
                """
        }
    }
}
