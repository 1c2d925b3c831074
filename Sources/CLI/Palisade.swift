import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `palisade` command. Each subcommand lives in its own `Palisade+<Name>.swift` file.
@main
struct Palisade: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "palisade",
        abstract: "Guardrails as code for cloud, Kubernetes and CI/CD.",
        discussion: """
            Palisade checks infrastructure and pipeline definitions against guardrail policies. \
            This build scans Kubernetes manifests, and provides the tools that policy and rule \
            authors use to try RE2 regular expressions and CEL expressions on real data.
            """,
        version: version,
        subcommands: [ScanCommand.self, PolicyCommand.self, RegexCommand.self, CelCommand.self]
    )

    /// Runs the command. Usage errors (an unknown flag, a bad option value) exit with 2, like
    /// every other input or configuration problem, rather than argument-parser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
