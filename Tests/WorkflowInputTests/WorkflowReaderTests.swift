import PolicyModel
import Testing

@testable import WorkflowInput

struct WorkflowReaderTests {
    static func read(_ text: String, file: String = ".github/workflows/ci.yml") -> (Resource?, [Diagnostic]) {
        let parsed = WorkflowReader.parse(bytes: Array(text.utf8), file: file)
        return (parsed.resources.first, parsed.diagnostics)
    }

    static func list(_ node: Node?) -> [Node] {
        if case .sequence(let items)? = node?.content { return items }
        return []
    }

    /// A node's line and column.
    static func at(_ node: Node?) -> [Int] {
        guard let node else { return [] }
        return [node.location.line, node.location.column]
    }

    static func keys(_ node: Node?) -> [String] {
        if case .mapping(let entries)? = node?.content { return entries.compactMap(\.key.string) }
        return []
    }

    @Test func workflowFilesAreToldByPath() {
        #expect(WorkflowReader.isWorkflowFile(".github/workflows/ci.yml"))
        #expect(WorkflowReader.isWorkflowFile("repo/.github/workflows/release.yaml"))
        #expect(WorkflowReader.isWorkflowFile("actions/setup/action.yml"))
        #expect(!WorkflowReader.isWorkflowFile(".github/workflows/scripts/helper.yml"))
        #expect(!WorkflowReader.isWorkflowFile(".github/dependabot.yml"))
        #expect(!WorkflowReader.isWorkflowFile("deploy/workflows/app.yml"))
    }

    @Test func triggersInEveryFormBecomeOneMapOfEvents() {
        let forms = [
            "on: push\njobs: {}", "on: [push, pull_request_target]\njobs: {}",
            "on:\n  push:\n    branches: [main]\n  pull_request_target:\n  issues: null\njobs: {}",
        ]
        let expected = [["push"], ["push", "pull_request_target"], ["push", "pull_request_target", "issues"]]
        for (text, names) in zip(forms, expected) {
            let (resource, diagnostics) = Self.read(text)
            #expect(diagnostics.isEmpty)
            let events = resource?.content["events"]
            #expect(Self.keys(events) == names)
            for name in names { #expect(Self.keys(events?[name]).isEmpty || name == "push") }
        }
        let (resource, _) = Self.read(forms[2])
        #expect(Self.list(resource?.content["events"]?["push"]?["branches"]).first?.string == "main")
        // The event is located at its name.
        #expect(Self.at(resource?.content["events"]?["pull_request_target"]) == [4, 3])
    }

    @Test func jobsAndStepsAreListedWithTheirIdsAndParsedUses() throws {
        let text = """
            name: CI
            on: pull_request
            jobs:
              build:
                runs-on: [self-hosted, linux]
                steps:
                  - uses: actions/checkout@v4
                  - run: make
              call:
                uses: octo/shared/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567
                secrets: inherit
              group:
                runs-on: {group: large, labels: ubuntu-24.04-16core}
            """
        let (resource, diagnostics) = Self.read(text)
        #expect(diagnostics.isEmpty)
        let workflow = try #require(resource)
        #expect(workflow.type == "workflow")
        #expect(workflow.name == "CI")
        let jobs = Self.list(workflow.content["jobList"])
        #expect(jobs.compactMap { $0["id"]?.string } == ["build", "call", "group"])
        #expect(Self.list(jobs[0]["runners"]).compactMap(\.string) == ["self-hosted", "linux"])
        #expect(jobs[0]["selfHosted"].map { if case .bool(true) = $0.content { true } else { false } } == true)
        #expect(Self.list(jobs[2]["runners"]).compactMap(\.string) == ["ubuntu-24.04-16core"])
        #expect(jobs[1]["action"]?["workflow"].map { if case .bool(true) = $0.content { true } else { false } } == true)
        #expect(jobs[1]["action"]?["pinned"].map { if case .bool(true) = $0.content { true } else { false } } == true)
        #expect(jobs[1]["action"]?["repository"]?.string == "octo/shared")
        let steps = Self.list(workflow.content["steps"])
        #expect(steps.count == 2)
        #expect(steps[0]["job"]?.string == "build")
        #expect(steps[0]["action"]?["ref"]?.string == "v4")
        #expect(steps[0]["action"]?["pinned"].map { if case .bool(false) = $0.content { true } else { false } } == true)
        #expect(Self.at(steps[0]["action"]) == [7, 15])
        #expect(steps[1]["action"] == nil)
        if case .int(1)? = steps[1]["index"]?.content {} else { Issue.record("index of the second step") }
    }

    @Test func expressionsAreParsedAndLocatedInsideBlockScalars() throws {
        let text = """
            on: issues
            jobs:
              greet:
                runs-on: ubuntu-latest
                if: github.actor != 'dependabot[bot]'
                steps:
                  - name: Say
                    run: |
                      echo one
                      echo "${{ github.event.issue.title }}" && echo ${{ toJSON(github.event) }}
                  - if: |
                      ${{ contains('refs/heads/main', github.ref) }}
                    run: echo ok
            """
        let (resource, diagnostics) = Self.read(text)
        #expect(diagnostics.isEmpty)
        let expressions = Self.list(resource?.content["expressions"])
        #expect(
            expressions.compactMap { $0["text"]?.string } == [
                "github.actor != 'dependabot[bot]'", "github.event.issue.title", "toJSON(github.event)",
                "contains('refs/heads/main', github.ref)",
            ])
        // A bare `if:` is an expression that is the whole value.
        #expect(expressions[0]["field"]?.string == "if")
        #expect(expressions[0]["path"]?.string == "jobs.greet.if")
        #expect(Self.list(expressions[0]["comparisons"]).first?["value"]?.string == "dependabot[bot]")
        #expect(Self.list(expressions[0]["comparisons"]).first?["context"]?.string == "github.actor")
        #expect(Self.list(expressions[0]["comparisons"]).first?["kind"]?.string == "string")
        #expect(expressions[0]["step"] == nil)
        #expect(expressions[0]["job"]?.string == "greet")
        // Templates inside a block scalar point at their own `${{`.
        #expect(Self.at(expressions[1]) == [10, 17])
        #expect(Self.at(expressions[2]) == [10, 58])
        #expect(expressions[1]["field"]?.string == "run")
        #expect(expressions[1]["path"]?.string == "jobs.greet.steps[0].run")
        #expect(Self.list(expressions[1]["contexts"]).compactMap(\.string) == ["github.event.issue.title"])
        let call = Self.list(expressions[2]["calls"]).first
        #expect(call?["name"]?.string == "tojson")
        #expect(Self.list(call?["arguments"]).first?["kind"]?.string == "context")
        // A block-scalar `if:` keeps its line break: not the whole value, so always true.
        #expect(expressions[3]["whole"].map { if case .bool(false) = $0.content { true } else { false } } == true)
        #expect(expressions[3]["template"].map { if case .bool(true) = $0.content { true } else { false } } == true)
        #expect(Self.list(Self.list(expressions[3]["calls"]).first?["arguments"]).first?["kind"]?.string == "string")
    }

    @Test func compositeActionsListTheirStepsWithoutAJob() throws {
        let text = """
            name: Setup
            runs:
              using: composite
              steps:
                - shell: bash
                  run: echo "${{ inputs.version }}"
            """
        let (resource, diagnostics) = Self.read(text, file: "setup/action.yml")
        #expect(diagnostics.isEmpty)
        let action = try #require(resource)
        #expect(action.type == "action")
        let steps = Self.list(action.content["steps"])
        #expect(steps.count == 1)
        #expect(steps[0]["job"] == nil)
        let expression = Self.list(action.content["expressions"]).first
        #expect(expression?["path"]?.string == "runs.steps[0].run")
        #expect(expression?["field"]?.string == "run")
        #expect(Self.at(expression) == [6, 18])
    }

    @Test func malformedExpressionsAreReportedWithTheirPlaceAndTheRestIsRead() {
        let text = """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ github.sha
                  - run: echo ${{ github.event.( }} ${{ github.head_ref }}
            """
        let (resource, diagnostics) = Self.read(text)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.level == .error && $0.message.hasPrefix("invalid expression") })
        #expect(diagnostics.first?.location.line == 6)
        #expect(diagnostics.first?.location.column == 19)
        #expect(diagnostics.last?.location.line == 7)
        let texts = Self.list(resource?.content["expressions"]).compactMap { $0["text"]?.string }
        #expect(texts == ["github.head_ref"])
    }

    @Test func documentsThatAreNeitherAreNoticedNotScanned() {
        let (resource, diagnostics) = Self.read("name: nothing\nvalue: 1\n")
        #expect(resource == nil)
        #expect(diagnostics.map(\.level) == [.warning])
        let (_, errors) = Self.read("- just\n- a list\n")
        #expect(errors.map(\.level) == [.error])
        let (_, syntax) = Self.read("on: [push\njobs:\n")
        #expect(syntax.first?.location.line ?? 0 >= 1)
        #expect(syntax.map(\.level) == [.error])
    }

    @Test func attackerControlledContextsIncludeWholeObjectsButNotSafeFields() {
        #expect(GitHubContexts.isAttackerControlled("github.event.issue.title"))
        #expect(GitHubContexts.isAttackerControlled("github.event.commits.*.message"))
        #expect(GitHubContexts.isAttackerControlled("github.event.pull_request"))
        #expect(GitHubContexts.isAttackerControlled("github.head_ref"))
        #expect(!GitHubContexts.isAttackerControlled("github.event.pull_request.number"))
        #expect(!GitHubContexts.isAttackerControlled("github.event.pull_request.head.sha"))
        #expect(!GitHubContexts.isAttackerControlled("github.sha"))
        #expect(!GitHubContexts.isAttackerControlled("secrets.token"))
        #expect(GitHubContexts.control("github.event.issue.body") == "outsider")
        #expect(GitHubContexts.control("github.ref_name") == "writer")
        #expect(GitHubContexts.control("inputs.tag") == "writer")
        #expect(GitHubContexts.control("github.event.inputs.tag") == "writer")
        #expect(GitHubContexts.control("github.sha") == "")
        #expect(GitHubContexts.control("github.actor") == "")
        #expect(GitHubContexts.control("inputs") == "")
    }

    @Test func actionReferencesAreSplitAndPinningIsAFullCommit() {
        let docker = ActionReference("docker://ghcr.io:443/org/tool:1.2")
        #expect(docker?.kind == .docker)
        #expect(docker?.repository == "ghcr.io:443/org/tool")
        #expect(docker?.ref == "1.2")
        #expect(docker?.pinned == false)
        let digest = ActionReference("docker://alpine@sha256:" + String(repeating: "a", count: 64))
        #expect(digest?.pinned == true)
        let nested = ActionReference("Github/CodeQL-Action/init@v3")
        #expect(nested?.repository == "github/codeql-action")
        #expect(nested?.owner == "github")
        #expect(nested?.path == "init")
        #expect(ActionReference("actions/checkout@v4.1.1")?.pinned == false)
        #expect(ActionReference("actions/checkout")?.ref == "")
        #expect(ActionReference("./.github/actions/setup")?.kind == .local)
        #expect(ActionReference("  ") == nil)
    }

    /// The version of an action: its tag, or for a commit id the version its comment names.
    @Test func actionVersionsComeFromTheTagOrTheCommentAfterACommit() throws {
        let sha = String(repeating: "de0f", count: 10)
        #expect(ActionReference("actions/setup-node@v5")?.version == "v5")
        #expect(ActionReference("actions/setup-node@v5")?.majorVersion == 5)
        #expect(ActionReference("astral-sh/setup-uv@6.5.0")?.majorVersion == 6)
        #expect(ActionReference("actions/checkout@main")?.version == nil)
        #expect(ActionReference("actions/checkout@\(sha)")?.version == nil)
        #expect(ActionReference("actions/checkout@\(sha)", comment: "v6.0.2")?.version == "v6.0.2")
        #expect(ActionReference("actions/checkout@\(sha)", comment: "tag=v4.1.1")?.majorVersion == 4)
        #expect(ActionReference("actions/checkout@\(sha)", comment: "pin@v10.0.0 (latest)")?.majorVersion == 10)
        #expect(ActionReference("actions/checkout@\(sha)", comment: "keep this one")?.version == nil)
        // A tag's own version wins over a comment; a docker image has none.
        #expect(ActionReference("actions/checkout@v4", comment: "v3")?.version == "v4")
        #expect(ActionReference("docker://alpine:3.20")?.version == nil)

        let (resource, diagnostics) = Self.read(
            """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                - uses: astral-sh/setup-uv@\(sha) # v6.5.0
                - uses: 'actions/setup-node@\(sha)'  # tag=v5.0.0
                - uses: actions/cache@\(sha)#not-a-comment
                - uses: actions/checkout@v4 # v3

            """)
        #expect(diagnostics.isEmpty)
        let steps = Self.list(try #require(resource).content["steps"])
        #expect(steps.map { $0["action"]?["version"]?.string } == ["v6.5.0", "v5.0.0", nil, "v4"])
        #expect(
            steps.map {
                $0["action"]?["majorVersion"].flatMap { node -> Int64? in
                    if case .int(let value) = node.content { return value }
                    return nil
                }
            } == [6, 5, nil, 4])
    }
}
