import ArgumentParser
import PolicyModel
import Reporting
import Secrets
import Workspace

extension Palisade {
    /// `palisade secrets …`: what only the secrets scan needs beyond `palisade scan --kinds secrets`.
    struct SecretsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "secrets",
            abstract: "Baselines of the secrets a repository already holds.",
            subcommands: [BaselineCommand.self])
    }

    /// `palisade secrets baseline`: writes the secrets found now, by identity, so that later scans
    /// with `--baseline` report only new ones.
    struct BaselineCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "baseline",
            abstract: "Write the secrets found under PATH to a baseline file (identities, never values).",
            discussion: """
                Searches the files under each PATH as `palisade scan --kinds secrets` does and writes \
                each secret found once, by its keyed identity (HMAC-SHA-256 under this installation's \
                key), with its detector and where it was first found. A later `palisade scan --kinds \
                secrets --baseline FILE` suppresses those and reports the rest: a new secret is reported \
                even on a line that holds a known one. Reasons written into the file ("reason": "...") \
                are kept when the baseline is made again. The key is read from PALISADE_SECRET_KEY_FILE, \
                else ~/.config/palisade/secret-key (made on first use); a baseline is only comparable \
                with scans that use the same key.
                """)

        @Argument(help: "Files or folders to search; the current folder when none is given.")
        var paths: [String] = []

        @Option(help: ArgumentHelp("The baseline file to write.", valueName: "file"))
        var output = ".palisade-secrets-baseline.json"

        @Option(
            name: .customLong("skip-path"),
            help: ArgumentHelp("Leave out paths matching GLOB; may be repeated.", valueName: "glob"))
        var skipPaths: [String] = []

        func validate() throws {
            for pattern in skipPaths {
                do { _ = try PathGlob(pattern) } catch { throw ValidationError(error.description) }
            }
        }

        func run() async throws {
            let scanner: SecretScanner
            do {
                scanner = try ScanCommand.secretScanner()
            } catch {
                printError("palisade secrets baseline: error: \(error)")
                throw ExitCode(2)
            }
            var options = ScanJob.Options(
                paths: paths, policies: PolicySet(), kinds: [SecretScanner.inputKind],
                skipPaths: skipPaths.compactMap { try? PathGlob($0) })
            options.secrets = scanner
            let outcome = await ScanJob.run(options)
            for diagnostic in outcome.report.diagnostics where diagnostic.level == .error {
                printError(diagnostic.rendered())
            }
            // The reasons of the baseline being replaced stay with their secrets.
            let previous = try? ScanCommand.readBaseline(output, keyIdentity: scanner.keyIdentity)
            let baseline = SecretBaseline(
                key: scanner.keyIdentity, findings: outcome.report.findings.filter { $0.status == .open },
                previous: previous)
            do {
                try FileWalker.writeFile(baseline.json(), to: output)
            } catch {
                printError("palisade secrets baseline: error: \(error)")
                throw ExitCode(2)
            }
            let count = baseline.entries.count
            printError("\(count) secret\(count == 1 ? "" : "s") written to \(output)")
        }
    }
}
