import DockerfileInput
import Foundation
import PolicyEngine
import PolicyModel
import Testing

/// `each: <list>.filter(x, <condition>)`: the validations run on the elements kept, and findings
/// are located in the list as written, as for an unfiltered `each`.
struct EachFilterTests {
    static func policy(each: String, validation: String = "\"!item.script.contains('telnet')\"") -> String {
        """
        id: docker-no-telnet
        title: telnet is installed
        severity: low
        kinds: [dockerfile]
        match: {resources: [dockerfile]}
        each: \(each)
        validations:
        - expression: \(validation)
          messageExpression: "'line ' + string(item.line)"
          at: item.arguments

        """
    }

    static func load(_ text: String) throws -> Policy {
        let (policies, diagnostics) = PolicyLoader.load(text, file: "p.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        return try #require(policies.first)
    }

    static let dockerfile = """
        FROM debian:12
        ENV NOTE="telnet is not installed here"
        RUN apt-get install -y telnet
        COPY telnet.conf /etc/
        RUN true

        """

    static func scan(_ policy: Policy) -> (findings: [String], warnings: [String]) {
        let (resources, _) = DockerfileParser.parse(dockerfile, file: "Dockerfile")
        let (findings, diagnostics) = Scanner(policies: [policy]).scan(resources)
        return (findings.map { "\($0.location.line):\($0.location.column) \($0.message)" }, diagnostics.map(\.message))
    }

    @Test func theFilterIsTakenApartAndFindingsAreLocatedInTheList() throws {
        let filtered = try Self.load(Self.policy(each: "object.instructions.filter(i, i.keyword == 'RUN')"))
        #expect(filtered.eachFilter?.list.source == "object.instructions")
        // Only RUN instructions are checked: the ENV and COPY that mention telnet are not.
        let result = Self.scan(filtered)
        #expect(result.findings == ["3:5 line 3"])
        #expect(result.warnings.isEmpty)
        // The same as an unfiltered each whose validation tests the keyword itself.
        let guarded = try Self.load(
            Self.policy(
                each: "object.instructions",
                validation: "\"item.keyword != 'RUN' || !item.script.contains('telnet')\""))
        #expect(guarded.eachFilter == nil)
        #expect(Self.scan(guarded).findings == result.findings)
    }

    @Test func otherShapesRunAsWritten() throws {
        for each in [
            "object.instructions.filter(item, item.keyword == 'RUN')",  // `item` would be shadowed
            "object.instructions.filter(i, i.keyword == 'RUN').map(i, i)",  // the filter is not last
            "[object.instructions.filter(i, i.keyword == 'RUN')][0]",
        ] {
            let policy = try Self.load(Self.policy(each: "\"\(each)\""))
            #expect(policy.eachFilter == nil, "\(each)")
        }
    }

    @Test func aConditionThatFailsIsAWarningAndTheElementIsPassedOver() throws {
        let policy = try Self.load(Self.policy(each: "object.instructions.filter(i, i.nothing == 'RUN')"))
        let result = Self.scan(policy)
        #expect(result.findings.isEmpty)
        #expect(result.warnings.count == 5)  // one per instruction, as for a validation
        #expect(result.warnings.allSatisfy { $0.contains("each could not be evaluated") && $0.contains("nothing") })
    }

    /// The example at the top of docs/POLICY-FORMAT.md loads and does what the page says.
    @Test func theDocumentedExampleLoadsAndFindsTelnet() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/POLICY-FORMAT.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let policy = try Self.load(String(text[start.upperBound..<end.lowerBound]))
        #expect(policy.keywords == ["telnet"] && policy.eachFilter != nil && policy.itemVariableIndices == [1])
        let dockerfile = "FROM debian:12\nRUN apt-get update && apt-get install -y telnet curl\nRUN echo telnet\n"
        let (resources, _) = DockerfileParser.parse(dockerfile, file: "Dockerfile")
        let findings = Scanner(policies: [policy]).scan(resources, text: dockerfile).findings
        #expect(findings.map(\.message) == ["RUN on line 2 installs telnet with apt-get"])
    }

    /// Policies with the same filtered `each` share what it selects on a resource; one whose filter
    /// reads its own `variables` does not, though its text is the same.
    @Test func policiesShareAFilterOnlyWhenItReadsNothingOfTheirOwn() throws {
        func policy(_ id: String, keyword: String, each: String) throws -> Policy {
            try Self.load(
                """
                id: \(id)
                title: \(id)
                severity: low
                kinds: [dockerfile]
                match: {resources: [dockerfile]}
                variables:
                  wanted: "'\(keyword)'"
                each: \(each)
                validations:
                - expression: "false"
                  messageExpression: "'\(id) ' + item.keyword + ' on line ' + string(item.line)"

                """)
        }
        let own = "object.instructions.filter(i, i.keyword == variables.wanted)"
        let shared = "object.instructions.filter(i, i.keyword in ['RUN', 'COPY'])"
        let policies = [
            try policy("a-run", keyword: "RUN", each: own), try policy("b-copy", keyword: "COPY", each: own),
            try policy("c-both", keyword: "", each: shared), try policy("d-both", keyword: "", each: shared),
        ]
        let (resources, _) = DockerfileParser.parse(Self.dockerfile, file: "Dockerfile")
        let messages = Set(Scanner(policies: policies).scan(resources).findings.map(\.message))
        #expect(
            messages == [
                "a-run RUN on line 3", "a-run RUN on line 5", "b-copy COPY on line 4",
                "c-both RUN on line 3", "c-both COPY on line 4", "c-both RUN on line 5",
                "d-both RUN on line 3", "d-both COPY on line 4", "d-both RUN on line 5",
            ])
    }
}
