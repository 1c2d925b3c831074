import ArgumentParser
import PolicyEngine
import PolicyModel
import Reporting
import Secrets
import TerraformInput
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Palisade {
    /// `palisade scan`: check files against the built-in policies and the user's own.
    struct ScanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract:
                "Check Kubernetes manifests, Terraform, CI workflows and Dockerfiles against guardrail policies.",
            discussion: """
                Reads the input files under each PATH (a file or a folder; the current folder when \
                none is given; - for standard input), in sorted order, skipping hidden folders such \
                as .git (but not .github and .gitlab), paths matching --skip-path, and not following \
                symbolic links to folders. Each file's path tells its input: .tf and .tfvars are \
                Terraform (a saved plan's JSON is told by its content); YAML under \
                .github/workflows/ and action.yml are GitHub Actions; .gitlab-ci.yml and YAML under \
                .gitlab/ci/ are GitLab CI; Dockerfile, Containerfile, Dockerfile.* and *.Dockerfile \
                are Dockerfiles; other .yaml, .yml and .json files are Kubernetes manifests. Each is \
                checked against the built-in policies of its input and those in each --policies \
                folder, on every core. Paths are reported as PATH followed by the file's path under it.

                Settings come from --config FILE, else from .palisade.yaml in the scan root (the \
                first PATH when it is a folder, else the current folder); options given on the \
                command line win, and list options add to the file's lists.

                A finding is waived by a comment on its line or on the line above it: \
                "# palisade:ignore[POLICY-ID] reason" (the reason is required); above the first \
                line of a resource, it waives the policy for the whole resource. A secret is waived \
                by its identity, not its line: "# palisade:ignore[DETECTOR@hmac:1a2b3c4d5e6f] reason", \
                the start of the finding's fingerprint, waives that secret anywhere in the file.

                A file that does not parse is reported with its file:line:column and the other \
                files are still scanned; so is a policy that does not load.

                Exit status: 0 when no open enforce-mode finding is at or above --fail-on, 1 when \
                one is, 2 when a policy or the configuration does not load, or an input could not \
                be read and --fail-on-error is on (the default); 2 wins over 1.
                """
        )

        enum Format: String, CaseIterable, ExpressibleByArgument {
            case text
            case json
            case junit
            case github
            case sarif
        }

        enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
            case auto, always, never
        }

        enum FailOn: String, CaseIterable, ExpressibleByArgument {
            case info, low, medium, high, critical

            var severity: Severity { Severity(rawValue: rawValue)! }
        }

        @Argument(help: "Files or folders to scan, or - for standard input; the current folder when none is given.")
        var paths: [String] = []

        @Option(
            help: """
                The report format: text for people, json for machines (schema palisade.report/v1), \
                junit for CI test reports (JUnit XML), github for GitHub Actions annotations, sarif \
                for code scanning (SARIF 2.1.0, paths relative to the current folder).
                """)
        var format: Format = .text

        @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
        var output: String?

        @Option(
            help: "The lowest severity of an open enforce-mode finding that makes the scan exit with 1 (default: high)."
        )
        var failOn: FailOn?

        @Option(
            name: .customLong("policies"),
            help: ArgumentHelp(
                "A folder of policy files (*.yaml, *.yml) or one policy file to add; may be repeated.",
                valueName: "dir"))
        var policyPaths: [String] = []

        @Flag(help: "Leave out the built-in policies.")
        var noBuiltin = false

        @Option(
            help: ArgumentHelp(
                "Read only these inputs (comma-separated: \(Policy.knownKinds.joined(separator: ", "))).",
                valueName: "kinds"),
            transform: { text in text.split(separator: ",").map { String($0) } })
        var kinds: [String]?

        @Option(
            name: .customLong("skip-path"),
            help: ArgumentHelp(
                "Leave out paths matching GLOB (relative to the scanned folder; *, ?, [..], **); may be repeated.",
                valueName: "glob"))
        var skipPaths: [String] = []

        @Option(
            help: ArgumentHelp("Read settings from FILE instead of .palisade.yaml in the scan root.", valueName: "file")
        )
        var config: String?

        @Option(
            help: ArgumentHelp(
                "With --kinds secrets: report only the secrets that FILE (palisade secrets baseline) does not "
                    + "hold; those it holds are suppressed, with their reason.", valueName: "file"))
        var baseline: String?

        /// `--detectors PATH`, as every `palisade secrets` command takes it (with --kinds secrets).
        @OptionGroup var detectors: DetectorOption

        @Flag(
            inversion: .prefixedNo,
            help: "Whether inputs that cannot be read or parsed alone make the scan exit with 2 (default: yes).")
        var failOnError: Bool?

        @Flag(name: .shortAndLong, help: "Write only findings and errors, a line each, and no progress.")
        var quiet = false

        @Flag(
            help: """
                After the report, write to standard error how long each policy took to evaluate (summed \
                over resources and cores), on how many resources, its findings, and the resources skipped \
                because their file holds none of the policy's keywords; slowest first.
                """)
        var profile = false

        @Option(help: "Colour the text report: auto (on a terminal), always or never.")
        var color: ColorChoice = .auto

        @Option(
            name: .customLong("var-file"),
            help: ArgumentHelp(
                "Terraform: read variable values from FILE (after terraform.tfvars and *.auto.tfvars; repeatable).",
                valueName: "file"))
        var variableFiles: [String] = []

        @Option(
            name: .customLong("var"),
            help: ArgumentHelp(
                "Terraform: set a root module variable, NAME=VALUE (repeatable).", valueName: "name=value"))
        var variables: [String] = []

        @Option(
            help: """
                Terraform: what to do with a finding that depends on values known only after apply: report it \
                (status unknown, does not fail the scan), fail (an open finding) or ignore it.
                """)
        var unknowns: UnknownChoice = .report

        enum UnknownChoice: String, CaseIterable, ExpressibleByArgument {
            case report, fail, ignore
        }

        func validate() throws {
            for kind in kinds ?? [] where !Policy.knownKinds.contains(kind) {
                throw ValidationError(
                    "unknown kind \"\(kind)\" for --kinds; known kinds: \(Policy.knownKinds.joined(separator: ", "))")
            }
            for pattern in skipPaths {
                do { _ = try PathGlob(pattern) } catch { throw ValidationError(error.description) }
            }
            for variable in variables where !variable.contains("=") {
                throw ValidationError("--var takes NAME=VALUE, not \"\(variable)\"")
            }
        }

        func run() async throws {
            // Settings: --config, else .palisade.yaml at the scan root when there is one.
            var settings = ScanConfiguration()
            var configurationProblems: [Diagnostic] = []
            var configurationText: (String, String)?
            if let file = config ?? defaultConfigurationFile() {
                do {
                    let text = try InputReader.withContents(path: file) { String(decoding: $0, as: UTF8.self) }
                    configurationText = (file, text)
                    (settings, configurationProblems) = ScanConfiguration.read(text, file: file)
                } catch {
                    configurationProblems.append(
                        Diagnostic(.error, error.description, at: Location(file: file, line: 1, column: 1)))
                }
            }

            // The files first, so that only the built-in policies of the inputs present are loaded.
            let clock = ContinuousClock()
            var phaseStart = clock.now
            var phases: [(name: String, time: Duration)] = []
            func endPhase(_ name: String) {
                phases.append((name, clock.now - phaseStart))
                phaseStart = clock.now
            }
            let scanKinds = (kinds ?? settings.kinds).map(Set.init)
            // The secret detectors compile while the files are found (a tenth of a second each).
            let detectorPaths = settings.resolvedDetectorPaths + detectors.paths
            let secretScanner: Task<SecretScanner, any Error>? =
                scanKinds?.contains(SecretScanner.inputKind) == true
                ? Task.detached { try Self.secretScanner(detectors: detectorPaths) } : nil
            let skip = settings.skipPaths + skipPaths.compactMap { try? PathGlob($0) }
            let discovery = ScanJob.discover(
                ScanJob.Options(paths: paths, policies: PolicySet(), kinds: scanKinds, skipPaths: skip))
            endPhase("find files")
            var policies = PolicySet.load(
                builtIn: !noBuiltin && (settings.builtIn ?? true),
                paths: settings.resolvedPolicyPaths + policyPaths, kinds: discovery.kinds)
            policies.diagnostics = configurationProblems + policies.diagnostics
            if let (file, text) = configurationText { policies.sources[file] = text }
            policies.configure(
                disabled: settings.disabled, modes: settings.modes, file: settings.file, locations: settings.idLocations
            )

            var standardInput: [UInt8]?
            if paths.contains("-") {
                do {
                    standardInput = try InputReader.withContents(path: "-", maxBytes: 64 << 20) { Array($0) }
                } catch {
                    printError("palisade scan: error: \(error)")
                    throw ExitCode(2)
                }
            }
            var options = ScanJob.Options(
                paths: paths, standardInput: standardInput, policies: policies, kinds: scanKinds, skipPaths: skip)
            options.discovered = discovery
            options.terraform = TerraformReader.Options(
                variableFiles: variableFiles,
                variables: variables.map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                })
            options.unknowns = ScanJob.UnknownMode(rawValue: unknowns.rawValue) ?? .report
            if let secretScanner {
                do {
                    let scanner = try await secretScanner.value
                    options.secrets = scanner
                    if let baseline {
                        options.secretBaseline = (
                            try Self.readBaseline(baseline, keyIdentity: scanner.keyIdentity), baseline
                        )
                    }
                } catch {
                    printError("palisade scan: error: \(error)")
                    throw ExitCode(2)
                }
            } else if baseline != nil || !detectors.paths.isEmpty {
                let option = baseline != nil ? "--baseline" : "--detectors"
                printError("palisade scan: error: \(option) is for secrets: add --kinds secrets")
                throw ExitCode(2)
            }
            let policyProfile = profile ? PolicyProfile() : nil
            options.profile = policyProfile
            endPhase("load policies")

            let progress = ScanJob.Progress()
            let display = quiet || !Terminal.isTerminal(STDERR_FILENO) ? nil : ProgressDisplay(progress: progress)
            let outcome = await ScanJob.run(options, progress: progress)
            display?.finish()
            let report = outcome.report
            phases += outcome.phases
            phaseStart = clock.now

            // JSON and SARIF are made as UTF-8 bytes and written as they are; JSON in pieces.
            let rendered: [[UInt8]]
            switch format {
            case .text:
                let useColor =
                    color == .always || (color == .auto && output == nil && Terminal.isTerminal(STDOUT_FILENO))
                rendered = [
                    Array(TextReporter(sources: outcome.sources, color: useColor, quiet: quiet).render(report).utf8)
                ]
            case .json:
                rendered = JSONReporter(toolVersion: Palisade.version).renderChunks(report)
            case .junit:
                rendered = [Array(JUnitReporter().render(report).utf8)]
            case .github:
                rendered = [Array(GitHubReporter().render(report).utf8)]
            case .sarif:
                rendered = [
                    SARIFReporter(toolVersion: Palisade.version, sourceRoot: currentDirectory()).renderUTF8(report)
                ]
            }
            endPhase("render \(format.rawValue)")
            if let output {
                do {
                    try FileWalker.writeFile(chunks: rendered, to: output)
                } catch {
                    printError("palisade scan: error: \(error)")
                    throw ExitCode(2)
                }
            } else {
                var buffer = OutputBuffer()
                for chunk in rendered { chunk.withUnsafeBufferPointer { buffer.write(bytes: $0) } }
                buffer.flush()
            }

            endPhase("write")
            if let policyProfile { printError(Self.profileTable(policyProfile, phases: phases)) }

            let threshold = failOn?.severity ?? settings.failOn ?? .high
            let status: Int32
            if outcome.policyErrorCount > 0
                || outcome.inputErrorCount > 0 && (failOnError ?? settings.failOnError ?? true)
            {
                status = 2
            } else if report.findings.contains(where: {
                $0.status == .open && $0.mode == Policy.Mode.enforce.rawValue && $0.severity >= threshold
            }) {
                status = 1
            } else {
                status = 0
            }
            // The report is written: the process ends here rather than first freeing every
            // finding and every file's text one by one, which took a large scan's last 15 ms on
            // one core and gives the user nothing.
            Glibc.exit(status)
        }

        /// What `--kinds secrets` searches with: the built-in detectors and those in `detectors`
        /// (files or folders; a problem in one is an error, reported where it is), and identities
        /// keyed by this installation's key (`SecretHasher.defaultKeyPath`).
        static func secretScanner(detectors paths: [String] = []) throws -> SecretScanner {
            let loaded = BuiltInDetectors.load()
            if let problem = loaded.diagnostics.first { throw ValidationError(problem.rendered()) }
            var detectors = loaded.detectors
            if !paths.isEmpty {
                let own = DetectorFiles.load(paths: paths)
                let errors = own.diagnostics.filter { $0.level == .error }
                if !errors.isEmpty { throw ValidationError(errors.map { $0.rendered() }.joined(separator: "\n")) }
                detectors = DetectorFiles.merging(own.detectors, into: detectors)
            }
            var environment: [String: String] = [:]
            for name in ["PALISADE_SECRET_KEY_FILE", "XDG_CONFIG_HOME", "HOME"] {
                if let value = getenv(name) { environment[name] = String(cString: value) }
            }
            let path = SecretHasher.defaultKeyPath(environment: environment)
            let key = try SecretHasher.installationKey(at: path)
            return SecretScanner(detectors: detectors, hasher: SecretHasher(key: key))
        }

        /// The baseline at `path`, which must have been made with the key of `keyIdentity`.
        static func readBaseline(_ path: String, keyIdentity: String) throws -> SecretBaseline {
            let text = try InputReader.withContents(path: path) { String(decoding: $0, as: UTF8.self) }
            let read = SecretBaseline.read(text, file: path)
            if let problem = read.diagnostics.first { throw ValidationError(problem.rendered()) }
            guard let baseline = read.baseline else { throw ValidationError("\(path): not a secrets baseline") }
            guard baseline.key == keyIdentity else {
                throw ValidationError(
                    "\(path) was made with another key (\(baseline.key); this installation's is \(keyIdentity)): "
                        + "its secrets cannot be recognised. Use the same key file (PALISADE_SECRET_KEY_FILE), or "
                        + "make the baseline again with this one")
            }
            return baseline
        }

        /// `--profile`'s tables: one line per policy evaluated, the slowest first, and the total;
        /// then the wall time of each step of the scan.
        static func profileTable(_ profile: PolicyProfile, phases: [(name: String, time: Duration)]) -> String {
            let policies = profile.policies
            let total = policies.reduce(Duration.zero) { $0 + $1.entry.time }
            func milliseconds(_ time: Duration) -> Double {
                Double(time.components.seconds) * 1000 + Double(time.components.attoseconds) / 1e15
            }
            func tenths(_ value: Double) -> String {
                let scaled = Int((value * 10).rounded())
                return "\(scaled / 10).\(scaled % 10)"
            }
            let width = max(6, policies.map(\.id.count).max() ?? 0)
            func pad(_ text: String, _ count: Int, left: Bool = false) -> String {
                let fill = String(repeating: " ", count: max(0, count - text.count))
                return left ? text + fill : fill + text
            }
            var lines = [
                pad("policy", width, left: true) + pad("resources", 11) + pad("time (ms)", 12) + pad("share", 9)
                    + pad("findings", 10) + pad("skipped", 9)
            ]
            for (id, entry) in policies {
                let share = milliseconds(total) > 0 ? 100 * milliseconds(entry.time) / milliseconds(total) : 0
                lines.append(
                    pad(id, width, left: true) + pad(String(entry.resources), 11)
                        + pad(tenths(milliseconds(entry.time)), 12) + pad(tenths(share) + " %", 9)
                        + pad(String(entry.findings), 10) + pad(String(entry.skipped), 9))
            }
            lines.append(pad("total", width, left: true) + pad("", 11) + pad(tenths(milliseconds(total)), 12))
            lines.append("")
            let stepWidth = max(width, phases.map(\.name.count).max() ?? 0)
            lines.append(pad("step (wall time)", stepWidth, left: true) + pad("time (ms)", 23))
            for (name, time) in phases {
                lines.append(pad(name, stepWidth, left: true) + pad(tenths(milliseconds(time)), 23))
            }
            let wall = phases.reduce(Duration.zero) { $0 + $1.time }
            lines.append(pad("total", stepWidth, left: true) + pad(tenths(milliseconds(wall)), 23))
            return lines.joined(separator: "\n")
        }

        /// The absolute path of the current folder, which SARIF's `%SRCROOT%` stands for.
        private func currentDirectory() -> String? {
            guard let path = getcwd(nil, 0) else { return nil }
            defer { free(path) }
            return String(cString: path)
        }

        /// `.palisade.yaml` in the scan root, when it exists.
        private func defaultConfigurationFile() -> String? {
            var root = "."
            if let first = paths.first, first != "-" {
                var info = stat()
                if stat(first, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { root = first }
            }
            let file = (root == "." ? "" : root.hasSuffix("/") ? root : root + "/") + ScanConfiguration.defaultFileName
            return access(file, F_OK) == 0 ? file : nil
        }
    }
}
