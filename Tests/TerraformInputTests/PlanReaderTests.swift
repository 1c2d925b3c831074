import Foundation
import PolicyModel
import Testing

@testable import TerraformInput

struct PlanReaderTests {
    static func plan() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "plan", withExtension: "json", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func plannedValuesBecomeLocatedResourcesWithTheirAddresses() throws {
        let bytes = try Self.plan()
        #expect(PlanReader.looksLikePlan(bytes))
        let (resources, diagnostics) = PlanReader.parse(bytes: bytes, file: "plan.json")
        #expect(diagnostics.isEmpty)
        #expect(
            resources.map(\.identity) == [
                "aws_s3_bucket.logs", "module.store[0].aws_s3_bucket_public_access_block.this",
            ])
        let bucket = resources[0]
        #expect(bucket.type == "aws_s3_bucket")
        #expect(bucket.content["bucket"]?.string == "acme-logs")
        #expect(bucket.content["bucket"].map { "\($0.span.line):\($0.span.column)" } == "13:33")
        // Computed attributes the plan leaves out of values are unknown, not absent.
        if case .unknown? = bucket.content["arn"]?.content {} else { Issue.record("arn is unknown until apply") }
    }

    @Test func referencesComeFromTheConfigurationWithTheModulePath() throws {
        let (resources, _) = PlanReader.parse(bytes: try Self.plan(), file: "plan.json")
        #expect(resources[1].references == ["module.store[0].aws_s3_bucket.this"])
        #expect(resources[1].namespace == "plan.json module.store[0]")
        if case .unknown? = resources[1].content["bucket"]?.content {} else { Issue.record("bucket is unknown") }
    }

    @Test func brokenPlanJSONIsAPositionedError() {
        let (resources, diagnostics) = PlanReader.parse(
            bytes: Array("{\"format_version\": \"1.2\",\n  \"planned_values\": [}".utf8), file: "p.json")
        #expect(resources.isEmpty)
        #expect(diagnostics.first?.location.line == 2)
    }
}
