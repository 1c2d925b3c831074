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
            abstract: "Secrets in staged changes and in git history, and baselines of those already known.",
            subcommands: [StagedCommand.self, HistoryCommand.self, BaselineCommand.self])
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

        @OptionGroup var detectors: DetectorOption

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
                scanner = try ScanCommand.secretScanner(detectors: detectors.paths)
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

extension Palisade {
    /// `palisade secrets staged`: the pre-commit check. Searches the staged version of each
    /// changed file and reports the secrets on the lines the commit adds.
    struct StagedCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staged",
            abstract: "Search the changes staged for the next commit for secrets (a pre-commit hook).",
            discussion: """
                Reads `git diff --cached` in the current repository and searches the staged version \
                of each added, copied, modified or renamed file (what the commit will hold, not the \
                working copy) with every secret detector; a secret is reported when it is on a line \
                the commit adds, so that secrets already committed, and known to a --baseline, do not \
                block every later commit. Binary files and lock files are passed over. Exit status: \
                0 when the commit adds no secret, 1 when it adds one, 2 when git or a file cannot be \
                read. The repository ships .pre-commit-hooks.yaml: `- id: palisade-secrets`.
                """)

        @OptionGroup var options: SearchOptions

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            let (scanner, known) = try options.scannerAndBaseline(command: "staged")
            let baseline = options.baseline
            let git = Git(directory: ".")
            var findings: [Finding] = []
            var diagnostics: [Diagnostic] = []
            var sources: [String: String] = [:]
            var files = 0
            var detectorIDs: [String: String] = [:]
            for detector in scanner.detectors { detectorIDs[detector.id] = detector.id }
            do {
                for change in try git.stagedAdditions() where !change.lines.isEmpty {
                    let name = String(change.path.split(separator: "/").last ?? "")
                    if ScanJob.lockFiles.contains(name) { continue }
                    let bytes = try git.stagedContents(of: change.path)
                    if bytes.prefix(8192).contains(0) { continue }
                    files += 1
                    let found = bytes.withUnsafeBufferPointer { scanner.secrets(in: $0, file: change.path) }.filter {
                        let lines = $0.finding.location.line...($0.finding.location.endLine ?? $0.finding.location.line)
                        return change.lines.contains { $0.overlaps(lines) }
                    }
                    guard !found.isEmpty else { continue }
                    var added = found.map(\.finding)
                    let text = String(decoding: bytes, as: UTF8.self)
                    // A secret waived by identity in the staged file (`palisade:ignore[secret-…@hmac:…]`).
                    var ignores = InlineSuppressions(text: text, file: change.path, knownPolicies: detectorIDs)
                    ignores.apply(to: &added, resourceStarts: [:])
                    diagnostics += ignores.diagnostics.filter { $0.level != .notice }
                    known?.apply(to: &added, file: baseline ?? "")
                    findings += added
                    sources[change.path] = SecretScanner.masked(text, hiding: found.map(\.range))
                }
            } catch {
                printError("palisade secrets staged: error: \(error)")
                throw ExitCode(2)
            }
            try Self.report(
                findings, diagnostics: diagnostics, files: files, sources: sources, scanner: scanner,
                format: options.format)
        }

        /// Writes the findings as a report in `format` and exits 1 when one is open.
        static func report(
            _ findings: [Finding], diagnostics: [Diagnostic] = [], files: Int, sources: [String: String],
            scanner: SecretScanner, format: Format
        ) throws {
            var info: [String: ReportPolicyInfo] = [:]
            for detector in scanner.detectors {
                info[detector.id] = ReportPolicyInfo(
                    title: detector.title, description: detector.description, severity: detector.severity,
                    equivalents: detector.equivalents, remediation: detector.remediation)
            }
            var kinds: [String: String] = [:]
            for finding in findings { kinds[finding.location.file] = SecretScanner.inputKind }
            let report = Report(
                findings: findings, diagnostics: diagnostics, files: files, policies: scanner.detectors.count,
                policyInfo: info, fileKinds: kinds)
            var buffer = OutputBuffer()
            switch format {
            case .text: buffer.write(TextReporter(sources: sources).render(report))
            case .json: buffer.write(JSONReporter(toolVersion: Palisade.version).render(report))
            }
            buffer.flush()
            if findings.contains(where: { $0.status == .open }) { throw ExitCode(1) }
        }
    }

    /// `palisade secrets history`: every secret the repository's commits ever added, once each.
    struct HistoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Search the commits of the current repository for the secrets they added.",
            discussion: """
                Reads the patches of the commits reachable from HEAD (every branch and tag with \
                --all; only those after REF with --since REF), oldest first, in one `git log` run, \
                and searches the lines each commit added. Each secret is reported once, where it was \
                first added: the file and line, the commit and its author date; a secret deleted \
                since is still reported, as it stays in the history. Exit status: 0 when no secret \
                is found, 1 when one is, 2 when git cannot be read.
                """)

        @Option(help: ArgumentHelp("Search only the commits after REF (a commit, branch or tag).", valueName: "ref"))
        var since: String?

        @Flag(help: "Search the commits of every branch and tag, not only those reachable from HEAD.")
        var all = false

        @OptionGroup var options: SearchOptions

        func run() throws {
            let (scanner, known) = try options.scannerAndBaseline(command: "history")
            let baseline = options.baseline
            let additions: [GitHistory.Addition]
            do {
                additions = try GitHistory.additions(in: Git(directory: "."), since: since, all: all)
            } catch {
                printError("palisade secrets history: error: \(error)")
                throw ExitCode(2)
            }
            var findings = GitHistory.secrets(in: additions, scanner: scanner)
            known?.apply(to: &findings, file: baseline ?? "")
            let paths = Set(additions.map(\.path)).count
            try StagedCommand.report(
                findings, files: paths, sources: [:], scanner: scanner, format: options.format)
        }
    }

    /// `--detectors PATH`, which every `palisade secrets` command takes.
    struct DetectorOption: ParsableArguments {
        @Option(
            name: .customLong("detectors"),
            help: ArgumentHelp(
                "Also search with the detectors in PATH (a YAML file, or a folder of them); one with a built-in "
                    + "detector's id replaces it. May be repeated.", valueName: "path"))
        var paths: [String] = []
    }

    /// What `palisade secrets staged` and `history` take besides their own options.
    struct SearchOptions: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "Report only secrets that FILE (palisade secrets baseline) does not hold.", valueName: "file"))
        var baseline: String?

        @OptionGroup var detectors: DetectorOption

        @Option(help: ArgumentHelp("The report format.", valueName: "format"))
        var format: StagedCommand.Format = .text

        /// The built-in detectors and those given, with this installation's key, and the baseline
        /// when one is given; a problem with any ends the command with status 2.
        func scannerAndBaseline(command: String) throws -> (SecretScanner, SecretBaseline?) {
            do {
                let scanner = try ScanCommand.secretScanner(detectors: detectors.paths)
                let known = try baseline.map { try ScanCommand.readBaseline($0, keyIdentity: scanner.keyIdentity) }
                return (scanner, known)
            } catch {
                printError("palisade secrets \(command): error: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
