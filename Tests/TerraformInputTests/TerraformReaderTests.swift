import PolicyModel
import Testing

@testable import TerraformInput

struct TerraformReaderTests {
    static func read(_ files: [String: String], root: String = "app", options: TerraformReader.Options = .init())
        -> (resources: [Resource], diagnostics: [Diagnostic])
    {
        TerraformReader(files: MemoryFiles(files), options: options).read(root: root)
    }

    static func resource(_ identity: String, in resources: [Resource]) -> Resource? {
        resources.first { $0.identity == identity }
    }

    @Test func variablesLocalsAndTfvarsAreResolvedInOrder() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            locals {
              full = "${local.prefix}-logs"
              prefix = "${var.env}-acme"
            }
            resource "aws_s3_bucket" "logs" {
              bucket = local.full
              acl    = var.acl
              tags   = { env = var.env, size = 2 * 3 }
            }
            variable "env" { default = "dev" }
            variable "acl" {}
            """,
            "app/terraform.tfvars": "env = \"prod\"\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let bucket = try #require(Self.resource("aws_s3_bucket.logs", in: resources))
        #expect(bucket.content["bucket"]?.string == "prod-acme-logs")
        #expect(bucket.content["bucket"].map { "\($0.span.line):\($0.span.column)" } == "6:12")
        if case .unknown? = bucket.content["acl"]?.content {} else { Issue.record("an unset variable is unknown") }
        #expect(bucket.content["tags"]?["size"].map { "\($0.span.line):\($0.span.column)" } == "8:36")
        if case .int(6)? = bucket.content["tags"]?["size"]?.content {} else { Issue.record("2 * 3 is 6") }
    }

    @Test func commandLineVariablesWinOverFiles() throws {
        let (resources, _) = Self.read(
            [
                "app/main.tf": "variable \"n\" {}\nresource \"aws_instance\" \"web\" {\n  count = var.n\n}\n",
                "app/terraform.tfvars": "n = 1\n", "extra.tfvars": "n = 2\n",
            ], options: .init(variableFiles: ["extra.tfvars"], variables: [("n", "3")]))
        #expect(resources.map(\.identity) == ["aws_instance.web[0]", "aws_instance.web[1]", "aws_instance.web[2]"])
    }

    @Test func forEachAndDynamicBlocksExpand() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            variable "ports" { default = [22, 443] }
            resource "aws_security_group" "web" {
              for_each = toset(["a", "b"])
              name = "sg-${each.key}"
              dynamic "ingress" {
                for_each = var.ports
                iterator = port
                content {
                  from_port   = port.value
                  cidr_blocks = port.value == 22 ? ["10.0.0.0/8"] : ["0.0.0.0/0"]
                }
              }
            }
            """
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(resources.map(\.identity) == [#"aws_security_group.web["a"]"#, #"aws_security_group.web["b"]"#])
        guard case .sequence(let rules)? = resources.first?.content["ingress"]?.content else {
            Issue.record("ingress blocks are a list")
            return
        }
        #expect(rules.count == 2)
        #expect(rules[1]["cidr_blocks"].map { "\($0.span.line):\($0.span.column)" } == "10:21")
        #expect(resources.first?.content["name"]?.string == "sg-a")
    }

    @Test func localModulesAreEvaluatedWithTheirInputs() throws {
        let files = [
            "app/main.tf": """
            module "store" {
              source = "./modules/bucket"
              name   = "assets"
            }
            resource "aws_s3_bucket_policy" "p" {
              bucket = module.store.bucket_name
            }
            """,
            "app/modules/bucket/main.tf": """
            variable "name" {}
            resource "aws_s3_bucket" "this" { bucket = "acme-${var.name}" }
            output "bucket_name" { value = aws_s3_bucket.this.bucket }
            """,
        ]
        let (resources, diagnostics) = Self.read(files)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(
            Self.resource("module.store.aws_s3_bucket.this", in: resources)?.content["bucket"]?.string == "acme-assets")
        #expect(Self.resource("aws_s3_bucket_policy.p", in: resources)?.content["bucket"]?.string == "acme-assets")
        #expect(Self.resource("module.store.aws_s3_bucket.this", in: resources)?.namespace == "app module.store")
        #expect(TerraformReader(files: MemoryFiles(files)).roots(among: ["app", "app/modules/bucket"]) == ["app"])
    }

    @Test func moduleCallsAndProvidersAreResourcesPoliciesCanSee() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            variable "region" { default = "eu-west-1" }
            provider "aws" { region = var.region }
            provider "aws" {
              alias  = "us"
              region = "us-east-1"
            }
            module "vpc" {
              source   = "terraform-aws-modules/vpc/aws"
              version  = "~> 5.0"
              for_each = toset(["a", "b"])
              name     = "vpc-${each.key}"
            }
            module "local" { source = "./inner" }
            """,
            "app/inner/main.tf": "module \"deep\" { source = \"github.com/acme/deep?ref=main\" }\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let types = Dictionary(resources.map { ($0.identity, $0.type) }, uniquingKeysWith: { first, _ in first })
        #expect(types["provider.aws"] == "provider.aws")
        #expect(types["provider.aws.us"] == "provider.aws")
        #expect(types["module.vpc"] == "module")
        #expect(types["module.local.module.deep"] == "module")
        let vpc = try #require(Self.resource("module.vpc", in: resources))
        #expect(vpc.content["source"]?.string == "terraform-aws-modules/vpc/aws")
        #expect(vpc.content["version"].map { "\($0.span.line):\($0.span.column)" } == "9:14")
        if case .unknown? = vpc.content["name"]?.content {} else { Issue.record("each.key of a call is unknown") }
        #expect(vpc.content["for_each"] == nil, "meta-arguments are not settings")
        let provider = try #require(Self.resource("provider.aws", in: resources))
        #expect(provider.content["region"]?.string == "eu-west-1")
        #expect(Self.resource("provider.aws.us", in: resources)?.content["alias"] == nil)
    }

    @Test func tryDoesNotHideAReferenceToSomethingUndeclared() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            variable "declared" { default = {} }
            resource "aws_s3_bucket_versioning" "v" {
              bucket = "b"
              versioning_configuration {
                status = try(var.missing["enabled"] ? "Enabled" : "Suspended", "Enabled")
                mfa_delete = try(var.declared["mfa"] ? "Enabled" : "Disabled", "Disabled")
              }
            }
            """
        ])
        let versioning = try #require(Self.resource("aws_s3_bucket_versioning.v", in: resources))
        var configuration: Node?
        if case .sequence(let blocks)? = versioning.content["versioning_configuration"]?.content {
            configuration = blocks.first
        }
        if case .unknown? = configuration?["status"]?.content {
        } else {
            Issue.record("an undeclared variable is an error of the configuration, not a fallback to take")
        }
        #expect(configuration?["mfa_delete"]?.string == "Disabled", "a missing key of a declared map falls back")
        #expect(diagnostics.map(\.message).contains { $0.contains("undeclared input variable \"missing\"") })
    }

    @Test func referencesBetweenResourcesAreRecordedThroughLocals() throws {
        let (resources, _) = Self.read([
            "app/main.tf": """
            resource "aws_s3_bucket" "logs" {}
            locals { id = aws_s3_bucket.logs.id }
            resource "aws_s3_bucket_public_access_block" "logs" {
              bucket            = local.id
              block_public_acls = true
            }
            """
        ])
        let block = try #require(Self.resource("aws_s3_bucket_public_access_block.logs", in: resources))
        #expect(block.references == ["aws_s3_bucket.logs"])
        if case .unknown? = block.content["bucket"]?.content {} else { Issue.record("an id is known only after apply") }
    }

    @Test func iamPolicyDocumentsRenderTheirJSON() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            data "aws_iam_policy_document" "admin" {
              statement {
                actions   = ["*"]
                resources = ["*"]
              }
            }
            resource "aws_iam_policy" "admin" {
              policy = data.aws_iam_policy_document.admin.json
            }
            resource "aws_s3_bucket" "b" {}
            resource "aws_iam_policy" "partly" {
              policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] })
            }
            """
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(
            Self.resource("aws_iam_policy.admin", in: resources)?.content["policy"]?.string
                == #"{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}"#)
        let partly = Self.resource("aws_iam_policy.partly", in: resources)?.content["policy"]
        #expect(
            partly?["Statement"].flatMap { node -> String? in
                guard case .sequence(let items) = node.content else { return nil }
                return items.first?["Action"]?.string
            } == "s3:*")
    }

    @Test func cyclesAndBadReferencesAreReportedNotFatal() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            locals {
              a = local.b
              b = local.a
            }
            resource "aws_instance" "x" {
              ami  = local.a
              type = var.missing
            }
            resource "aws_instance" "y" {
              ami = "ami-1"
            }
            """
        ])
        #expect(resources.count == 2)
        #expect(diagnostics.contains { $0.message.contains("cycle") })
        #expect(
            diagnostics.contains {
                $0.message.contains("undeclared input variable \"missing\"") && $0.location.line == 7
            })
    }

    @Test func syntaxErrorsArePositionedAndOtherFilesStillRead() throws {
        let (resources, diagnostics) = Self.read([
            "app/bad.tf": "resource \"aws_instance\" \"x\" {\n  ami = \n}\n",
            "app/good.tf": "resource \"aws_instance\" \"y\" { ami = \"a\" }\n",
        ])
        #expect(resources.contains { $0.identity == "aws_instance.y" })
        #expect(
            diagnostics.contains {
                $0.location.file == "app/bad.tf" && $0.location.line == 2 && $0.location.column == 9
            })
    }

    @Test func modulesThatCallThemselvesStop() throws {
        let (_, diagnostics) = Self.read([
            "app/main.tf": "module \"again\" {\n  source = \"./\"\n}\n"
        ])
        #expect(diagnostics.contains { $0.message.contains("calls back into itself") })
    }
}

extension TerraformReaderTests {
    @Test func heredocJSONKeepsItsKnownPartsWhenSomeValuesAreComputed() throws {
        let (resources, diagnostics) = Self.read([
            "app/main.tf": """
            resource "aws_s3_bucket" "b" {}
            resource "aws_iam_role_policy" "p" {
              policy = <<EOF
            {
              "Statement": [{
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": "${aws_s3_bucket.b.arn}/*"
              }]
            }
            EOF
            }
            """
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let policy = try #require(Self.resource("aws_iam_role_policy.p", in: resources)?.content["policy"])
        guard case .sequence(let statements)? = policy["Statement"]?.content, let statement = statements.first else {
            Issue.record("the statements are read: \(policy)")
            return
        }
        #expect(statement["Action"]?.string == "s3:*")
        if case .unknown? = statement["Resource"]?.content {} else { Issue.record("the ARN is known only after apply") }
    }
}
