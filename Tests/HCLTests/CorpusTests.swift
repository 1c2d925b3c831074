import Foundation
import HCL
import Testing

/// Realistic Terraform (an AWS network module, an S3 bucket module with for_each and dynamic
/// blocks, an EKS cluster, Azure and GCP configurations, a JSON-syntax file) under Fixtures/:
/// every file parses without error, every range nests properly, and the structure is what the
/// source says.
struct CorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixturePaths() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: fixtures.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".tf") || path.hasSuffix(".tf.json") { paths.append(path) }
        }
        return paths.sorted()
    }

    static func parse(_ path: String) throws -> ConfigFile {
        let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(path)))
        return path.hasSuffix(".json")
            ? ConfigFile.parseJSON(utf8: bytes, path: path) : ConfigFile.parse(utf8: bytes, path: path)
    }

    static func body(_ path: String) throws -> Body {
        try parse(path).validBody()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.fixturePaths().count == 9)
    }

    @Test(arguments: fixturePaths())
    func everyFixtureParsesWithNestedRanges(_ path: String) throws {
        let file = try Self.parse(path)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let size = try Data(contentsOf: Self.fixtures.appendingPathComponent(path)).count
        #expect(RangeInvariant.check(file.body, size: size) == [])
        #expect(!file.body.blocks.isEmpty)
    }

    private static func resource(_ body: Body, _ type: String, _ name: String) throws -> Block {
        try #require(body.blocks.first { $0.type == "resource" && $0.labelValues == [type, name] })
    }

    @Test func networkModuleStructure() throws {
        let main = try Self.body("aws-vpc/main.tf")
        let resources = main.blocks(ofType: "resource")
        #expect(resources.count == 14)
        #expect(Set(resources.map { $0.labelValues[0] }).count == 13)

        let subnet = try Self.resource(main, "aws_subnet", "this")
        #expect(subnet.body.attribute("for_each")?.value.description == "local.subnets")
        guard case .call(let merge, _)? = subnet.body.attribute("tags")?.value,
            case .object(let items, _)? = merge.arguments.last
        else {
            Issue.record("tags should be merge(..., {...})")
            return
        }
        #expect(items.count == 3)
        guard case .expression(.template(let keyTemplate, _)) = items[2].key else {
            Issue.record("the third tag key should be a template")
            return
        }
        #expect(keyTemplate.parts.count == 2)

        let privateTable = try Self.resource(main, "aws_route_table", "private")
        let dynamic = try #require(privateTable.body.blocks.first)
        #expect(dynamic.type == "dynamic")
        #expect(dynamic.labelValues == ["route"])
        #expect(dynamic.body.attribute("iterator")?.value.description == "gateway")
        #expect(
            dynamic.body.blocks(ofType: "content").first?.body.attribute("nat_gateway_id")?.value.description
                == "gateway.value")

        let association = try Self.resource(main, "aws_route_table_association", "this")
        guard
            case .parenthesized(.conditional(let condition, _, _, _), _)? = association.body.attribute(
                "route_table_id")?.value
        else {
            Issue.record("route_table_id should be a parenthesised conditional")
            return
        }
        #expect(condition.description == "each.value.public")

        let acl = try Self.resource(main, "aws_network_acl", "private")
        #expect(
            acl.body.attribute("subnet_ids")?.value.description
                == "[for key, subnet in aws_subnet.this : subnet.id if (!local.subnets[key].public)]")

        let outputs = try Self.body("aws-vpc/outputs.tf")
        #expect(outputs.blocks.count == 7)
        let grouped = try #require(outputs.blocks.first { $0.labelValues == ["subnets_by_zone"] })
        guard case .forExpression(let clause, _)? = grouped.body.attribute("value")?.value else {
            Issue.record("subnets_by_zone should be a for expression")
            return
        }
        #expect(clause.producesObject && clause.grouping)
        let legacy = try #require(outputs.blocks.first { $0.labelValues == ["legacy_first_nat"] })
        #expect(
            legacy.body.attribute("value")?.value.description
                == "((length(aws_nat_gateway.this) > 0) ? aws_nat_gateway.this[0].id : null)")
        let splat = try #require(outputs.blocks.first { $0.labelValues == ["nat_public_ips"] })
        #expect(splat.body.attribute("value")?.value.description == "(splat. aws_nat_gateway.this @.public_ip)")
        let summary = try #require(outputs.blocks.first { $0.labelValues == ["summary"] })
        guard case .template(let template, _)? = summary.body.attribute("value")?.value else {
            Issue.record("summary should be a template")
            return
        }
        #expect(template.form == .heredoc(marker: "EOT", indented: true))
        #expect(template.parts.contains { if case .forDirective = $0 { true } else { false } })

        let variables = try Self.body("aws-vpc/variables.tf")
        #expect(
            variables.blocks.map { $0.labelValues[0] } == [
                "name", "cidr", "zones", "public_subnets", "private_subnets", "nat", "flow_log", "tags",
            ])
        #expect(variables.blocks[0].body.blocks(ofType: "validation").count == 1)
        #expect(
            variables.blocks[5].body.attribute("type")?.value.description.hasPrefix(
                "object({enabled = optional(bool, true)") == true)
        let versions = try Self.body("aws-vpc/versions.tf")
        #expect(versions.blocks.first?.body.blocks.first?.type == "required_providers")
    }

    @Test func bucketModuleStructure() throws {
        let body = try Self.body("s3-bucket/main.tf")
        #expect(body.blocks(ofType: "resource").count == 9)
        #expect(body.blocks(ofType: "resource").filter { $0.body.attribute("for_each") != nil }.count == 9)

        let lifecycle = try Self.resource(body, "aws_s3_bucket_lifecycle_configuration", "this")
        let rules = lifecycle.body.blocks(ofType: "dynamic")
        #expect(rules.map(\.labelValues) == [["rule"], ["rule"]])
        let nested = rules[0].body.blocks(ofType: "content").first?.body.blocks(ofType: "dynamic")
        #expect(nested?.first?.labelValues == ["transition"])
        let expiry = rules[1].body.blocks(ofType: "content").first?.body
        #expect(expiry?.blocks.map(\.type) == ["filter", "expiration", "noncurrent_version_expiration"])

        guard case .call(let merge, _)? = body.blocks(ofType: "locals").first?.body.attribute("rules")?.value else {
            Issue.record("rules should be a merge call")
            return
        }
        #expect(merge.expandsFinalArgument)

        let policy = try Self.resource(body, "aws_s3_bucket_policy", "this")
        guard case .call(let jsonencode, _)? = policy.body.attribute("policy")?.value else {
            Issue.record("policy should be jsonencode(...)")
            return
        }
        #expect(jsonencode.name == "jsonencode")

        let readme = try Self.resource(body, "aws_s3_object", "readme")
        guard case .template(let content, _)? = readme.body.attribute("content")?.value,
            case .literal(let last, _)? = content.parts.last
        else {
            Issue.record("content should be a template ending in text")
            return
        }
        #expect(last.hasSuffix("Costs are billed to ${team}; literal percent: 100%.\n"))

        let bucket = try Self.resource(body, "aws_s3_bucket", "this")
        #expect(
            bucket.body.blocks(ofType: "lifecycle").first?.body.attribute("ignore_changes")?.value.description
                == "[tags[\"LastAudited\"], tags_all]")
        let names = try #require(body.blocks.first { $0.labelValues == ["bucket_names"] })
        #expect(names.body.attribute("value")?.value.description == "(splat[] values(aws_s3_bucket.this) @.bucket)")
    }

    @Test func clusterStructure() throws {
        let body = try Self.body("eks/main.tf")
        #expect(
            body.blocks.map(\.type).filter { ["moved", "import", "removed", "check"].contains($0) } == [
                "moved", "import", "removed", "check",
            ])
        #expect(
            body.blocks(ofType: "provider").map { $0.body.attribute("alias")?.value.description } == [nil, "\"dns\""])
        let terraform = try #require(body.blocks(ofType: "terraform").first)
        #expect(terraform.body.blocks(ofType: "backend").first?.labelValues == ["s3"])

        let locals = try #require(body.blocks(ofType: "locals").first)
        #expect(
            locals.body.attribute("admin_roles")?.value.description
                == "[for arn in var.admin_arns : provider::aws::arn_parse(arn).resource]")
        guard case .forExpression(let bootstrap, _)? = locals.body.attribute("bootstrap")?.value,
            case .template(let script, _) = bootstrap.value
        else {
            Issue.record("bootstrap should map groups to heredoc templates")
            return
        }
        #expect(script.form == .heredoc(marker: "SCRIPT", indented: true))
        guard case .literal(let first, _) = script.parts[0] else {
            Issue.record("the script should start with text")
            return
        }
        #expect(first.hasPrefix("#!/bin/bash\nset -euo pipefail\n/etc/eks/bootstrap.sh "))

        let cluster = try Self.resource(body, "aws_eks_cluster", "this")
        let postcondition = cluster.body.blocks(ofType: "lifecycle").first?.body.blocks(ofType: "postcondition").first
        #expect(postcondition?.body.attribute("condition")?.value.description == "(self.status == \"ACTIVE\")")

        let check = try #require(body.blocks(ofType: "check").first)
        #expect(check.body.blocks.map(\.type) == ["data", "assert"])
        let nodeGroup = try Self.resource(body, "aws_eks_node_group", "this")
        #expect(
            nodeGroup.body.blocks.map(\.type) == [
                "scaling_config", "launch_template", "dynamic", "update_config", "lifecycle",
            ])
    }

    @Test func azureAndGoogleStructure() throws {
        let azure = try Self.body("azure/main.tf")
        #expect(azure.blocks(ofType: "resource").count == 8)
        let provider = try #require(azure.blocks(ofType: "provider").first)
        #expect(provider.body.blocks.first?.body.blocks.map(\.type) == ["key_vault", "resource_group"])
        let app = try Self.resource(azure, "azurerm_linux_web_app", "api")
        guard case .object(let settings, _)? = app.body.attribute("app_settings")?.value else {
            Issue.record("app_settings should be an object")
            return
        }
        #expect(settings.last?.value.description == "12.5")

        let google = try Self.body("gcp/main.tf")
        #expect(google.blocks(ofType: "resource").count == 10)
        let cluster = try Self.resource(google, "google_container_cluster", "primary")
        let policy = cluster.body.blocks(ofType: "ip_allocation_policy").first
        #expect(
            policy?.body.attribute("services_secondary_range_name")?.value.description
                == "google_compute_subnetwork.nodes.secondary_ip_range[1].range_name")
        let binding = try Self.resource(google, "google_project_iam_binding", "bindings")
        #expect(
            binding.body.blocks(ofType: "condition").first?.body.attribute("expression")?.value.description
                == #""request.time < timestamp(\"2026-12-31T23:59:59Z\")""#)
    }

    @Test func jsonFixtureStructure() throws {
        let body = try Self.body("json/main.tf.json")
        #expect(
            body.blocks.map(\.type) == [
                "terraform", "variable", "variable", "locals", "data", "resource", "resource", "output", "output",
            ])
        let web = try Self.resource(body, "aws_instance", "web")
        #expect(web.body.attribute("count")?.value.description == "template[${var.instance_count}]")
        #expect(
            web.body.attribute("instance_type")?.value.description
                == "template[${((var.environment == \"prod\") ? \"m7i.large\" : \"t3.small\")}]")
        #expect(web.body.blocks.map(\.type) == ["lifecycle", "provisioner"])
        #expect(web.body.blocks(ofType: "provisioner").first?.labelValues == ["local-exec"])
        let group = try Self.resource(body, "aws_security_group", "web")
        #expect(group.body.blocks.first?.body.blocks.first?.type == "content")
        let filter = body.blocks(ofType: "data").first?.body.attribute("filter")?.value
        #expect(filter?.description == "[{\"name\" = \"name\", \"values\" = [\"al2023-ami-*-x86_64\"]}]")
    }
}
