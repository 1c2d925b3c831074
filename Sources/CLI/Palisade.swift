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
        subcommands: [ScanCommand.self, PolicyCommand.self, SecretsCommand.self, RegexCommand.self, CelCommand.self]
    )

    /// Runs the command. Usage errors (an unknown flag, a bad option value) exit with 2, like
    /// every other input or configuration problem, rather than argument-parser's 64.
    static func main() async {
        #if canImport(Glibc)
            // Each thread's heap grows 16 MiB at a time rather than a page or two: a scan's heap
            // grows steadily as findings accumulate, and each small step was a system call and
            // fresh pages to fault in (one per file scanned). Pages never touched stay unused.
            // (mallopt is in malloc.h, which the Glibc module leaves out; M_TOP_PAD is -2.)
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
                let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
                _ = mallopt(-2, 16 << 20)
            }
        #endif
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
