import KubernetesInput
import PolicyEngine
import PolicyModel
import TerraformInput

/// Runs policies against their fixtures, as `palisade policy test` does and as the built-in
/// library's own test does: `<root>/<policy id>/pass/*.yaml` must give no finding of that policy,
/// `<root>/<policy id>/fail/*.yaml` must give at least one, and when a golden file
/// `<fixture>.expected` sits beside a fail fixture, exactly the findings it lists, one
/// `file:line:column: severity: policy-id: message` line each (paths relative to the policy's
/// fixture folder). Fixtures are read with the scanner's own parser and engine, so a policy that
/// passes its tests behaves the same in `palisade scan`.
public struct PolicyTestRunner: Sendable {
    /// One fixture's verdict.
    public struct Result: Sendable {
        public enum Expectation: String, Sendable {
            case pass
            case fail
        }

        public var policyID: String
        public var expectation: Expectation
        /// Relative to the policy's fixture folder: `fail/privileged-pod.yaml`.
        public var file: String
        /// Why it failed; empty when it passed.
        public var problems: [String]

        public var passed: Bool { problems.isEmpty }
    }

    public var policies: [Policy]

    public init(policies: [Policy]) {
        self.policies = policies
    }

    /// The fixture folders under `root` (one per policy id), as the fixtures' verdicts; folders
    /// naming no loaded policy are reported as failures, since their tests would never run.
    public func run(fixturesUnder root: String) -> [Result] {
        let (files, _) = FileWalker.files(under: root, extensions: InputFiles.extensions, names: InputFiles.isInputName)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var results: [Result] = []
        var unknown = Set<String>()
        for path in files where path.hasPrefix(prefix) {
            let parts = path.dropFirst(prefix.count).split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count == 3, let expectation = Result.Expectation(rawValue: parts[1]) else { continue }
            let policyID = parts[0]
            let relative = parts[1] + "/" + parts[2]
            guard let policy = policies.first(where: { $0.id == policyID || $0.aliases.contains(policyID) }) else {
                if unknown.insert(policyID).inserted {
                    results.append(
                        Result(
                            policyID: policyID, expectation: expectation, file: relative,
                            problems: ["no loaded policy has the id \"\(policyID)\" of this fixture folder"]))
                }
                continue
            }
            results.append(check(policy, fixture: path, relative: relative, expectation: expectation))
        }
        return results
    }

    /// The tests the policies carry in their own documents (`tests:`), one result each; `file`
    /// of a result is the test's name.
    public func runInlineTests() -> [Result] {
        var results: [Result] = []
        for policy in policies {
            for test in policy.tests {
                let expectation: Result.Expectation = test.expect == .pass ? .pass : .fail
                var result = Result(
                    policyID: policy.id, expectation: expectation, file: "\(test.location): \(test.name)", problems: [])
                var resources: [Resource] = []
                if let object = test.object {
                    resources = ManifestParser.resources(in: object, file: policy.file)
                } else if let file = test.file {
                    let folder = policy.file.lastIndex(of: "/").map { String(policy.file[..<$0]) + "/" } ?? ""
                    let path = file.hasPrefix("/") ? file : folder + file
                    do {
                        let bytes = try InputReader.withContents(path: path) { Array($0) }
                        let parsed = ManifestParser.parse(bytes: bytes, file: path)
                        resources = parsed.resources
                        result.problems += parsed.diagnostics.map { $0.rendered() }
                    } catch {
                        result.problems.append(error.description)
                    }
                }
                if resources.isEmpty { result.problems.append("the test holds no Kubernetes object") }
                let (findings, diagnostics) = Scanner(policies: [policy]).scan(resources)
                result.problems += diagnostics.map { $0.rendered() }
                switch test.expect {
                case .pass:
                    result.problems += findings.map { "unexpected finding: \(Self.line($0))" }
                case .fail:
                    if findings.isEmpty {
                        result.problems.append("expected at least one finding, got none")
                    } else if let count = test.findings, count != findings.count {
                        result.problems.append(
                            "expected \(count) findings, got \(findings.count): "
                                + findings.map(Self.line).joined(separator: "; "))
                    }
                }
                results.append(result)
            }
        }
        return results
    }

    /// The ids of `policies` that have no fixture folder under any of `roots`.
    public func untested(roots: [String]) -> [String] {
        let inline = Set(policies.filter { !$0.tests.isEmpty }.map(\.id))
        var tested = Set<String>()
        for root in roots {
            for path in FileWalker.files(under: root, extensions: InputFiles.extensions, names: InputFiles.isInputName)
                .files
            {
                let prefix = root.hasSuffix("/") ? root : root + "/"
                if let id = path.dropFirst(prefix.count).split(separator: "/").first { tested.insert(String(id)) }
            }
        }
        return policies.map(\.id).filter { !tested.contains($0) && !inline.contains($0) }
    }

    private func check(_ policy: Policy, fixture: String, relative: String, expectation: Result.Expectation) -> Result {
        var result = Result(policyID: policy.id, expectation: expectation, file: relative, problems: [])
        let bytes: [UInt8]
        do {
            bytes = try InputReader.withContents(path: fixture) { Array($0) }
        } catch {
            result.problems.append(error.description)
            return result
        }
        let (resources, parseDiagnostics) = Self.resources(in: bytes, file: relative, policy: policy)
        result.problems += parseDiagnostics.map { $0.rendered() }
        if resources.isEmpty { result.problems.append("the fixture holds no resource") }
        // Read as `palisade scan` reads it: a policy's keywords are looked for in the fixture's text.
        let text = String(decoding: bytes, as: UTF8.self)
        let (findings, diagnostics) = Scanner(policies: [policy]).scan(resources, text: text)
        result.problems += diagnostics.map { $0.rendered() }
        let lines = findings.map(Self.line)
        switch expectation {
        case .pass:
            result.problems += lines.map { "unexpected finding: \($0)" }
        case .fail:
            if findings.isEmpty {
                let hint =
                    policy.keywords.isEmpty || KeywordText.holds(text, anyOf: policy.keywords)
                    ? "" : " (the fixture holds none of the policy's keywords, so it was not evaluated)"
                result.problems.append("expected at least one finding, got none" + hint)
            }
            guard
                let golden = try? InputReader.withContents(
                    path: fixture + ".expected", { String(decoding: $0, as: UTF8.self) })
            else { break }
            let expected = golden.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            if expected != lines {
                result.problems += expected.filter { !lines.contains($0) }.map { "missing: \($0)" }
                result.problems += lines.filter { !expected.contains($0) }.map { "unexpected: \($0)" }
                if result.problems.isEmpty {
                    result.problems.append("the findings come in another order than expected")
                }
            }
        }
        return result
    }

    /// The resources of one fixture file of `policy`: a Terraform file (`.tf`, `.tf.json`) read
    /// as a module of its own, a saved plan as a plan, anything else by the input the policy
    /// reads (a workflow fixture need not sit under `.github/workflows/`).
    public static func resources(
        in bytes: [UInt8], file: String, policy: Policy
    ) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        var kind = InputFiles.kind(of: file) ?? policy.kinds.first ?? ManifestParser.inputKind
        if kind == ManifestParser.inputKind, !policy.kinds.contains(kind), let own = policy.kinds.first {
            kind = own
        }
        if file.hasSuffix(".json") && PlanReader.looksLikePlan(bytes) { kind = PlanReader.inputKind }
        return InputFiles.resources(in: bytes, file: file, kind: kind)
    }

    /// `file:line:column: severity: policy-id: message`, the text reporter's line.
    public static func line(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity): \(finding.policyID): \(finding.message)"
    }
}
