import ArgumentParser
import PolicyEngine
import PolicyModel
import Workspace

extension Palisade {
    /// `palisade policy`: list, show, test and lint policies.
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "List, show, test and lint guardrail policies.",
            subcommands: [List.self, Show.self, Test.self, Lint.self, Docs.self]
        )

        /// The options that choose which policies are loaded.
        struct Selection: ParsableArguments {
            @Option(
                name: .customLong("policies"),
                help: ArgumentHelp(
                    "A folder of policy files (*.yaml, *.yml) or one policy file to add; may be repeated.",
                    valueName: "dir"))
            var policyPaths: [String] = []

            @Flag(help: "Leave out the built-in policies.")
            var noBuiltin = false

            /// The policies, or exit 2 after printing why some did not load.
            func load(extra: [String] = []) throws -> PolicySet {
                let set = PolicySet.load(builtIn: !noBuiltin, paths: policyPaths + extra)
                for diagnostic in set.diagnostics {
                    printError(diagnostic.rendered(source: set.sources[diagnostic.location.file]))
                }
                if set.errorCount > 0 { throw ExitCode(2) }
                return set
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the loaded policies: id, severity, mode, kinds and title.")

            enum Format: String, CaseIterable, ExpressibleByArgument {
                case text, json
            }

            @OptionGroup var selection: Selection

            @Option(help: "text for people, json for machines (id, title, kinds, severity, mode, equivalents, …).")
            var format: Format = .text

            @Option(help: ArgumentHelp("Only policies for this input (kubernetes, terraform, …).", valueName: "kind"))
            var kind: String?

            func run() throws {
                var policies = try selection.load().policies
                if let kind { policies = policies.filter { $0.kinds.contains(kind) } }
                var buffer = OutputBuffer()
                buffer.write(format == .json ? PolicyListing.json(policies) : PolicyListing.table(policies))
                buffer.flush()
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show one policy: its metadata, frameworks, expressions and remediation.")

            @OptionGroup var selection: Selection

            @Argument(help: "The policy's id (or a former id kept as an alias).")
            var id: String

            func run() throws {
                let set = try selection.load()
                guard let policy = set.policy(id) else {
                    var message = "palisade policy show: error: no policy has the id \"\(id)\""
                    if let suggestion = Spelling.closest(to: id, among: set.policies.map(\.id)) {
                        message += "; did you mean \"\(suggestion)\"?"
                    }
                    printError(message)
                    throw ExitCode(2)
                }
                var buffer = OutputBuffer()
                buffer.write(PolicyListing.details(policy))
                buffer.flush()
            }
        }

        struct Test: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Run policies against their fixtures.",
                discussion: """
                    Loads the policies in each DIR (and the built-in ones, unless --no-builtin), runs \
                    the tests written in the policies themselves (tests: [{name, expect: pass|fail, \
                    findings, file | object}]), and every fixture under DIR/fixtures/<policy \
                    id>/pass and .../fail, and under each --fixtures folder laid out the same way. A pass fixture must give no finding \
                    of its policy; a fail fixture must give at least one, and exactly the lines of \
                    its golden file <fixture>.expected when there is one. The built-in library's \
                    fixtures are in the source tree: palisade policy test --fixtures \
                    Tests/PolicyLibraryTests/Fixtures.

                    Exit status: 0 when every fixture passes, 1 when one fails, 2 when a policy does \
                    not load or there is nothing to test.
                    """)

            @OptionGroup var selection: Selection

            @Argument(help: "Folders of policies with a fixtures/ folder beside them.")
            var directories: [String] = []

            @Option(
                name: .customLong("fixtures"),
                help: ArgumentHelp("A folder of <policy id>/{pass,fail}/ fixtures; may be repeated.", valueName: "dir"))
            var fixtureRoots: [String] = []

            @Flag(name: .shortAndLong, help: "Print only failing fixtures and the summary.")
            var quiet = false

            func run() throws {
                let set = try selection.load(extra: directories)
                let roots =
                    directories.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "fixtures" }.filter(isDirectory)
                    + fixtureRoots
                let runner = PolicyTestRunner(policies: set.policies)
                let inline = runner.runInlineTests()
                guard !roots.isEmpty || !inline.isEmpty else {
                    printError(
                        "palisade policy test: error: nothing to test: give a DIR with a fixtures/ folder or "
                            + "policies with tests, or --fixtures")
                    throw ExitCode(2)
                }
                var buffer = OutputBuffer()
                var passed = 0
                var failed = 0
                for results in [inline] + roots.map(runner.run(fixturesUnder:)) {
                    for result in results {
                        if result.passed {
                            passed += 1
                            if !quiet { buffer.write("ok    \(result.policyID)  \(result.file)\n") }
                        } else {
                            failed += 1
                            buffer.write("FAIL  \(result.policyID)  \(result.file)\n")
                            for problem in result.problems { buffer.write("      \(problem)\n") }
                        }
                    }
                }
                // User policies without fixtures are worth a word; built-in fixtures are not shipped.
                let userPolicies = set.policies.filter { !$0.file.hasPrefix("Policies/") }
                let untested = PolicyTestRunner(policies: userPolicies).untested(roots: roots)
                for id in untested { buffer.write("note  \(id) has no fixtures\n") }
                buffer.write("\n\(passed + failed) fixtures: \(passed) passed, \(failed) failed\n")
                buffer.flush()
                if passed + failed == 0 { throw ExitCode(2) }
                if failed > 0 { throw ExitCode(1) }
            }

            private func isDirectory(_ path: String) -> Bool {
                var info = stat()
                return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
        }

        struct Docs: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write the policy reference pages (Markdown), one per input kind.",
                discussion: """
                    Writes <kind>.md into the output folder for every input kind that has policies. \
                    The repository's docs/policies/ is made this way, and a test checks it is current.
                    """)

            @OptionGroup var selection: Selection

            @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
            var output = "docs/policies"

            func run() throws {
                let policies = try selection.load().policies
                for kind in Policy.knownKinds where policies.contains(where: { $0.kinds.contains(kind) }) {
                    let file = (output.hasSuffix("/") ? output : output + "/") + kind + ".md"
                    do {
                        try FileWalker.writeFile(PolicyListing.markdown(kind: kind, policies), to: file)
                    } catch {
                        printError("palisade policy docs: error: \(error)")
                        throw ExitCode(2)
                    }
                    print(file)
                }
            }
        }

        struct Lint: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check policy files: schema, CEL, ids, and what a reviewer would ask for.",
                discussion: """
                    Reports every error that stops a policy from loading (YAML, unknown or missing \
                    fields, CEL that does not compile) with its file:line:column, and warns about \
                    what a policy should have: a description, a remediation, references, and a \
                    match on resource types.

                    Exit status: 0 when no file has an error, 2 when one does.
                    """)

            @Argument(help: "Policy files or folders of them.")
            var files: [String]

            func run() throws {
                let set = PolicySet.load(builtIn: false, paths: files)
                var diagnostics = set.diagnostics
                for policy in set.policies {
                    var missing: [String] = []
                    if (policy.description ?? "").isEmpty { missing.append("description") }
                    if (policy.remediation ?? "").isEmpty { missing.append("remediation") }
                    if policy.references.isEmpty { missing.append("references") }
                    if policy.match.resources.isEmpty { missing.append("match.resources (it applies to every type)") }
                    if !missing.isEmpty {
                        diagnostics.append(
                            Diagnostic(
                                .warning, "policy \"\(policy.id)\" has no \(missing.joined(separator: ", "))",
                                at: policy.location))
                    }
                }
                diagnostics.sort { $0.location < $1.location }
                var buffer = OutputBuffer()
                for diagnostic in diagnostics {
                    buffer.write(diagnostic.rendered(source: set.sources[diagnostic.location.file]) + "\n")
                }
                let errors = diagnostics.count { $0.level == .error }
                let warnings = diagnostics.count { $0.level == .warning }
                buffer.write(
                    "\(set.policies.count) polic\(set.policies.count == 1 ? "y" : "ies") loaded; "
                        + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
                buffer.flush()
                if errors > 0 { throw ExitCode(2) }
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
