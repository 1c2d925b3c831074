import PolicyModel
import Testing
import WorkflowInput

struct WorkflowModelTests {
    /// The resource read from `text` as a workflow file.
    static func workflow(_ text: String) throws -> Resource {
        let (resources, diagnostics) = WorkflowReader.parse(
            bytes: Array(text.utf8), file: ".github/workflows/ci.yml")
        #expect(diagnostics.isEmpty)
        return try #require(resources.first)
    }

    @Test func everyTriggerFormIsLocatedAtTheEventName() throws {
        let written = try Self.workflow(
            """
            on:
              push:
              pull_request_target:
                types: [opened]
            jobs: {}
            """)
        let events = try #require(written.content["events"])
        #expect(events["push"]?.span.line == 2)
        let target = try #require(events["pull_request_target"])
        #expect(target.span.line == 3 && target.span.column == 3)
        // The configuration itself keeps its own positions.
        #expect(target["types"]?.span.line == 4)
        let listed = try Self.workflow("on: [push, workflow_run]\njobs: {}\n")
        #expect(listed.content["events"]?["workflow_run"]?.span.column == 12)
        let single = try Self.workflow("on: workflow_run\njobs: {}\n")
        #expect(single.content["events"]?["workflow_run"]?.span.column == 5)
    }
}
