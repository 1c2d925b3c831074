import ArgumentParser

/// The `palisade` command. Each subcommand lives in its own `Palisade+<Name>.swift` file.
@main
struct Palisade: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "palisade",
        abstract: "Guardrails as code for cloud, Kubernetes and CI/CD.",
        discussion: """
            Palisade checks infrastructure and pipeline definitions against guardrail policies. \
            This build provides the tools that policy and rule authors use to try RE2 \
            regular expressions and CEL expressions on real data.
            """,
        version: version,
        subcommands: [RegexCommand.self, CelCommand.self]
    )
}
