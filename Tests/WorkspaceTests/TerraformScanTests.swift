import Foundation
import PolicyEngine
import PolicyModel
import Reporting
import TerraformInput
import Testing

@testable import Workspace

/// Terraform through the whole scan: modules found by folder, module calls that climb out of the
/// scanned folder, variables from the command line, ignores and Checkov skips inside resources,
/// unknowns by mode.
struct TerraformScanTests {
    static let policies: PolicySet = {
        let set = PolicySet.load(builtIn: true, paths: [])
        precondition(set.errorCount == 0, "\(set.diagnostics)")
        return set
    }()

    static let module = """
        variable "block" { default = true }
        resource "aws_s3_bucket" "this" { bucket = "b" }
        resource "aws_s3_bucket_public_access_block" "this" {
          bucket                  = aws_s3_bucket.this.id
          block_public_acls       = var.block
          block_public_policy     = var.block
          ignore_public_acls      = var.block
          restrict_public_buckets = var.block
        }
        """

    static func run(_ root: String, configure: (inout ScanJob.Options) -> Void = { _ in }) async -> Report {
        var options = ScanJob.Options(paths: [root], policies: Self.policies, kinds: ["terraform"])
        configure(&options)
        return await ScanJob.run(options).report
    }

    static func found(_ report: Report) -> [String] {
        report.findings.filter { $0.policyID == "aws-s3-public-access-block" }.map { "\($0.resource) \($0.status)" }
            .sorted()
    }

    @Test func modulesAreEvaluatedThroughTheirCallersWithCommandLineValues() async throws {
        try await ScanJobTests.withFolder { root in
            try ScanJobTests.write(Self.module, root + "/modules/store/main.tf")
            try ScanJobTests.write(
                """
                variable "open" {}
                module "store" {
                  source = "../modules/store"
                  block  = !var.open
                }
                """, root + "/live/main.tf")
            let closed = await Self.run(root + "/live") { $0.terraform.variables = [("open", "false")] }
            #expect(Self.found(closed).isEmpty, "\(closed.findings)")
            let open = await Self.run(root + "/live") { $0.terraform.variables = [("open", "true")] }
            #expect(Self.found(open) == ["module.store.aws_s3_bucket.this open"])
            #expect(open.findings.first?.location.file.hasSuffix("modules/store/main.tf") == true)
            // Unset, the variable is unknown: the finding is neither open nor dropped.
            let unset = await Self.run(root + "/live")
            #expect(Self.found(unset) == ["module.store.aws_s3_bucket.this unknown"])
            let failing = await Self.run(root + "/live") { $0.unknowns = .fail }
            #expect(Self.found(failing) == ["module.store.aws_s3_bucket.this open"])
            let ignoring = await Self.run(root + "/live") { $0.unknowns = .ignore }
            #expect(Self.found(ignoring).isEmpty)
        }
    }

    @Test func ignoresAndCheckovSkipsInsideAResourceAreHonoured() async throws {
        try await ScanJobTests.withFolder { root in
            try ScanJobTests.write(
                """
                resource "aws_s3_bucket" "a" {
                  # palisade:ignore[aws-s3-public-access-block] public website bucket, reviewed in SEC-12
                  bucket = "a"
                }
                resource "aws_s3_bucket" "b" {
                  #checkov:skip=CKV2_AWS_6:static assets behind CloudFront
                  bucket = "b"
                }
                resource "aws_s3_bucket" "c" {
                  bucket = "c" # checkov:skip=CKV2_AWS_6
                }
                """, root + "/main.tf")
            let report = await Self.run(root)
            #expect(
                Self.found(report) == [
                    "aws_s3_bucket.a suppressed", "aws_s3_bucket.b suppressed", "aws_s3_bucket.c open",
                ])
            #expect(
                report.findings.contains {
                    $0.policyID == InlineSuppressions.missingReasonPolicy && $0.location.line == 10
                })
        }
    }

    @Test func aMessageThatReadsAnUnknownValueGivesWayToTheTitle() async throws {
        try await ScanJobTests.withFolder { root in
            try ScanJobTests.write(
                """
                id: test-no-iam-users
                title: IAM user defined
                severity: low
                kinds: [terraform]
                match: {resources: [aws_iam_user]}
                validations:
                - expression: "false"
                  messageExpression: "'IAM user ' + object.name + ' is defined'"
                """, root + "/policies/users.yaml")
            try ScanJobTests.write(
                """
                variable "n" {}
                resource "aws_iam_user" "known" { name = "deploy" }
                resource "aws_iam_user" "later" { name = var.n }
                """, root + "/tf/main.tf")
            let policies = PolicySet.load(builtIn: false, paths: [root + "/policies"])
            #expect(policies.errorCount == 0, "\(policies.diagnostics)")
            let options = ScanJob.Options(paths: [root + "/tf"], policies: policies, kinds: ["terraform"])
            let report = await ScanJob.run(options).report
            #expect(
                report.findings.map { "\($0.resource): \($0.message)" }.sorted() == [
                    "aws_iam_user.known: IAM user deploy is defined", "aws_iam_user.later: IAM user defined",
                ])
        }
    }
}
