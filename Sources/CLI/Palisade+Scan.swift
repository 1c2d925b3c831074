import ArgumentParser
import KubernetesInput
import PolicyEngine
import PolicyLibrary
import PolicyModel
import Reporting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Palisade {
    /// `palisade scan`: check files against the built-in policies and the user's own.
    struct ScanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Check Kubernetes manifests against guardrail policies.",
            discussion: """
                Reads every .yaml, .yml and .json file under each PATH (a file or a folder; the \
                current folder when none is given), in sorted order, skipping hidden folders such \
                as .git and not following symbolic links to folders. Every document is read as a \
                Kubernetes manifest and checked against the built-in policies and those in each \
                --policies folder. Paths are reported as PATH followed by the file's path under it.

                A file that does not parse is reported with its file:line:column and the other \
                files are still scanned; so is a policy that does not load.

                Exit status: 0 when no enforce-mode finding is at or above --fail-on, 1 when one \
                is, 2 when a policy or an input could not be read (this wins over 1).
                """
        )

        enum Format: String, CaseIterable, ExpressibleByArgument {
            case text
            case json
            case junit
            case github
            case sarif
        }

        enum FailOn: String, CaseIterable, ExpressibleByArgument {
            case info, low, medium, high, critical

            var severity: Severity { Severity(rawValue: rawValue)! }
        }

        @Argument(help: "Files or folders to scan; the current folder when none is given.")
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

        @Option(help: "The lowest severity of an enforce-mode finding that makes the scan exit with 1.")
        var failOn: FailOn = .high

        @Option(
            name: .customLong("policies"),
            help: ArgumentHelp(
                "A folder of policy files (*.yaml, *.yml) or one policy file to add; may be repeated.",
                valueName: "dir"))
        var policyPaths: [String] = []

        @Flag(help: "Leave out the built-in policies.")
        var noBuiltin = false

        func run() throws {
            let clock = ContinuousClock()
            let start = clock.now
            var sources: [String: String] = [:]
            var diagnostics: [Diagnostic] = []

            // Policies: the built-in library, then each --policies path.
            var policies: [Policy] = []
            if !noBuiltin {
                let builtIn = BuiltInPolicies.load()
                policies += builtIn.policies
                diagnostics += builtIn.diagnostics
            }
            for root in policyPaths {
                let (files, problems) = FileWalker.files(under: root, extensions: ["yaml", "yml"])
                diagnostics += problems
                for file in files {
                    guard let text = read(file, into: &diagnostics) else { continue }
                    sources[file] = text
                    let loaded = PolicyLoader.load(text, file: file)
                    policies += loaded.policies
                    diagnostics += loaded.diagnostics
                }
            }

            // Inputs.
            var resources: [Resource] = []
            var fileKinds: [String: String] = [:]
            var fileCount = 0
            for root in paths.isEmpty ? ["."] : paths {
                let (files, problems) = FileWalker.files(under: root, extensions: ["yaml", "yml", "json"])
                diagnostics += problems
                for file in files {
                    guard let text = read(file, into: &diagnostics) else { continue }
                    fileCount += 1
                    sources[file] = text
                    fileKinds[file] = ManifestParser.inputKind
                    let parsed = ManifestParser.parse(bytes: Array(text.utf8), file: file)
                    resources += parsed.resources
                    diagnostics += parsed.diagnostics
                }
            }

            let scanned = Scanner(policies: policies).scan(resources)
            diagnostics += scanned.diagnostics
            let elapsed = clock.now - start
            var policyInfo: [String: ReportPolicyInfo] = [:]
            for policy in policies {
                policyInfo[policy.id] = ReportPolicyInfo(
                    title: policy.title, description: policy.description, severity: policy.severity,
                    equivalents: policy.equivalents, frameworks: policy.frameworks, remediation: policy.remediation,
                    references: policy.references)
            }
            let report = Report(
                findings: scanned.findings, diagnostics: diagnostics, files: fileCount, resources: resources.count,
                policies: policies.count,
                durationMilliseconds: Int(
                    elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                policyInfo: policyInfo, fileKinds: fileKinds)

            let rendered: String
            switch format {
            case .text:
                let known = sources
                rendered = TextReporter(sources: known).render(report)
            case .json:
                rendered = JSONReporter(toolVersion: Palisade.version).render(report)
            case .junit:
                rendered = JUnitReporter().render(report)
            case .github:
                rendered = GitHubReporter().render(report)
            case .sarif:
                rendered = SARIFReporter(toolVersion: Palisade.version, sourceRoot: currentDirectory()).render(report)
            }
            if let output {
                do {
                    try FileWalker.writeFile(rendered, to: output)
                } catch {
                    printError("palisade scan: error: \(error)")
                    throw ExitCode(2)
                }
            } else {
                var buffer = OutputBuffer()
                buffer.write(rendered)
                buffer.flush()
            }

            if report.errorCount > 0 { throw ExitCode(2) }
            let threshold = failOn.severity
            if report.findings.contains(where: { $0.mode == Policy.Mode.enforce.rawValue && $0.severity >= threshold })
            {
                throw ExitCode(1)
            }
        }

        /// The absolute path of the current folder, which SARIF's `%SRCROOT%` stands for.
        private func currentDirectory() -> String? {
            guard let path = getcwd(nil, 0) else { return nil }
            defer { free(path) }
            return String(cString: path)
        }

        /// The file's text, or an error diagnostic saying why it cannot be read.
        private func read(_ file: String, into diagnostics: inout [Diagnostic]) -> String? {
            do {
                return try InputReader.withContents(path: file) { String(decoding: $0, as: UTF8.self) }
            } catch {
                diagnostics.append(Diagnostic(.error, error.reason, at: Location(file: file, line: 1, column: 1)))
                return nil
            }
        }
    }
}

/// Finds the files a scan reads.
enum FileWalker {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \"\(path)\": \(reason)" }
    }

    /// `root` itself when it is a file (whatever its extension), else the files under it whose
    /// extension is one of `extensions`, in sorted order. Hidden folders (`.git`) are skipped and
    /// symbolic links to folders are not followed. Paths are `root` joined with the path under it.
    static func files(under root: String, extensions: Set<String>) -> (files: [String], diagnostics: [Diagnostic]) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            return (
                [],
                [Diagnostic(.error, "cannot read \"\(root)\": \(reason)", at: Location(file: root, line: 1, column: 1))]
            )
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return ([root], []) }
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        walk(root, extensions: extensions, files: &files, diagnostics: &diagnostics)
        return (files, diagnostics)
    }

    private static func walk(
        _ directory: String, extensions: Set<String>, files: inout [String], diagnostics: inout [Diagnostic]
    ) {
        guard let handle = opendir(directory) else {
            let reason = String(cString: strerror(errno))
            diagnostics.append(
                Diagnostic(
                    .error, "cannot read \"\(directory)\": \(reason)", at: Location(file: directory, line: 1, column: 1)
                ))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted() {
            let path = prefix + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                // A link to a file is read; a link to a folder is not followed.
                guard stat(path, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { continue }
            }
            if kind == S_IFDIR {
                if !name.hasPrefix(".") { walk(path, extensions: extensions, files: &files, diagnostics: &diagnostics) }
            } else if kind == S_IFREG, let dot = name.lastIndex(of: "."),
                extensions.contains(String(name[name.index(after: dot)...]).lowercased())
            {
                files.append(path)
            }
        }
    }

    static func writeFile(_ text: String, to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}
