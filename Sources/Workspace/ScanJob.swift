import Archives
import CEL
import DockerfileInput
import KubernetesInput
import PolicyEngine
import PolicyModel
import Reporting
import Secrets
import Synchronization
import TerraformInput
import WorkflowInput
import YAMLSupport

/// One `palisade scan`: finds the input files, reads and parses them on every core, evaluates the
/// policies, applies inline ignores and gathers the report.
///
/// Bad input never stops the scan: a file that cannot be read, is too large, looks binary or does
/// not parse becomes a diagnostic at its file (and line and column where there is one), and every
/// other file is still scanned.
public enum ScanJob {
    /// The inputs a scan reads, in the order tried for a file given by name whose path tells
    /// nothing (and for standard input). Which input reads a file found in a folder is told by
    /// its path: `InputFiles.kind(of:)`. (A `.json` file that holds a saved plan,
    /// `terraform show -json`, is read as a plan whichever input picked it up.)
    public static let kinds: [String] = [
        ManifestParser.inputKind, TerraformReader.inputKind, PlanReader.inputKind, WorkflowReader.inputKind,
        PipelineReader.inputKind, DockerfileParser.inputKind,
    ]

    /// The name under which standard input is reported when `-` is given as a path.
    public static let standardInputName = "<stdin>"

    /// What to scan and how.
    public struct Options: Sendable {
        /// Files or folders; `-` reads `standardInput`.
        public var paths: [String]
        public var standardInput: [UInt8]?
        public var policies: PolicySet
        /// The inputs to read (`kubernetes`…); `nil` for all.
        public var kinds: Set<String>?
        public var skipPaths: [PathGlob]
        /// A larger file is reported and not read: every input format here is text written by
        /// people or generated from templates, and YAML's own limit is 64 MiB.
        public var maxFileBytes: Int
        /// How many files are worked on at once.
        public var parallelism: Int
        /// `--var-file` and `--var` for Terraform root modules.
        public var terraform: TerraformReader.Options = TerraformReader.Options()
        /// What to do with findings that depend on values known only after apply.
        public var unknowns: UnknownMode = .report
        /// The files to read, when `discover` has already found them (so that only the policies
        /// of the inputs present need loading); `nil` to find them here.
        public var discovered: Discovery?
        /// When set, each policy's evaluation time is measured into it (`scan --profile`).
        public var profile: PolicyProfile?
        /// When set, every text file is also searched for secrets with these detectors, and the
        /// files no other input reads are read for that alone (`--kinds secrets`).
        public var secrets: SecretScanner?
        /// Secrets already known (`palisade secrets baseline`), and the file they were read from:
        /// findings of those are suppressed, with the entry's reason.
        public var secretBaseline: (baseline: SecretBaseline, file: String)?

        public init(
            paths: [String], standardInput: [UInt8]? = nil, policies: PolicySet, kinds: Set<String>? = nil,
            skipPaths: [PathGlob] = [], maxFileBytes: Int = 64 << 20, parallelism: Int = ScanJob.processorCount
        ) {
            self.paths = paths
            self.standardInput = standardInput
            self.policies = policies
            self.kinds = kinds
            self.skipPaths = skipPaths
            self.maxFileBytes = maxFileBytes
            self.parallelism = max(1, parallelism)
        }
    }

    /// What becomes of a finding whose validation depends on a value known only after apply.
    public enum UnknownMode: String, Sendable, CaseIterable {
        /// Reported with status `unknown`; does not fail the scan.
        case report
        /// Reported as an open finding: fails the scan like any other.
        case fail
        /// Left out of the report.
        case ignore
    }

    /// The report and the text of every input, for reporters that show source lines.
    public struct Outcome: Sendable {
        public var report: Report
        public var sources: [String: String]
        /// Errors about the inputs alone (not the policies): `--fail-on-error` decides whether
        /// they fail the scan.
        public var inputErrorCount: Int
        public var policyErrorCount: Int
        /// How long each step of the scan took, in order (for `palisade scan --profile`).
        public var phases: [(name: String, time: Duration)] = []
    }

    /// Counts steps as they are done — files read, then chunks of resources evaluated — for a
    /// progress display on another thread.
    public final class Progress: Sendable {
        private let totalCount = Atomic<Int>(0)
        private let doneCount = Atomic<Int>(0)
        private let fileCount = Atomic<Int>(0)
        public init() {}
        public var total: Int { totalCount.load(ordering: .relaxed) }
        public var done: Int { doneCount.load(ordering: .relaxed) }
        /// How many input files the scan reads.
        public var files: Int { fileCount.load(ordering: .relaxed) }
        func setFiles(_ value: Int) {
            fileCount.store(value, ordering: .relaxed)
            totalCount.add(value, ordering: .relaxed)
        }
        func addToTotal(_ value: Int) { totalCount.add(value, ordering: .relaxed) }
        func step() { doneCount.add(1, ordering: .relaxed) }
    }

    public static var processorCount: Int {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 4
        #endif
    }

    /// One input file after reading and parsing.
    struct FileOutcome: Sendable {
        var file: String
        var kind: String
        var text: String?
        var resources: [Resource] = []
        /// Each resource's content as a CEL value, made once here for the state and the scanner.
        var values: [Value] = []
        var diagnostics: [Diagnostic] = []
        var findings: [Finding] = []
        /// Set once the policies have been applied and the ignores read: the resources and their
        /// values are then freed, and only their number kept.
        var evaluated = false
        var resourceCount = 0
        /// Where its text holds secrets (byte ranges): masked wherever the text is shown.
        var secretRanges: [Range<Int>] = []
        /// The bytes of an archive read for secrets, until its members are searched.
        var archive: [UInt8]?
        /// The bytes of a file read only for secrets, until searched: they become `text` only
        /// when the file has a finding or an ignore comment (most files of a tree have neither,
        /// and decoding and keeping their text would cost more than searching it).
        var secretBytes: [UInt8]?
    }

    /// Inputs whose policies read one file at a time: nothing in another file changes what they see.
    static let fileLocalKinds: Set<String> = [
        DockerfileParser.inputKind, WorkflowReader.inputKind, PipelineReader.inputKind, SecretScanner.inputKind,
    ]

    /// Files whose long random-looking strings are hashes and versions, not secrets: lock files
    /// are searched for no secret.
    public static let lockFiles: Set<String> = [
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "go.sum",
        "poetry.lock", "Pipfile.lock", "Gemfile.lock", "composer.lock", "Package.resolved", "packages.lock.json",
        "flake.lock", "uv.lock", "bun.lockb", "mix.lock", "pubspec.lock", "gradle.lockfile", ".terraform.lock.hcl",
    ]

    /// Searches a file's text for secrets, when the scan does, and notes where each one is, so
    /// that the text the report may show (`Outcome.sources`) has asterisks in its place.
    static func searchSecrets(
        _ outcome: inout FileOutcome, with scanner: SecretScanner?,
        baseline: (baseline: SecretBaseline, file: String)? = nil
    ) {
        guard let scanner else { return }
        if let archive = outcome.archive {
            outcome.archive = nil
            searchArchive(archive, of: &outcome, with: scanner, baseline: baseline)
            return
        }
        if let bytes = outcome.secretBytes {
            outcome.secretBytes = nil
            guard !lockFiles.contains(String(outcome.file.split(separator: "/").last ?? "")) else { return }
            let found = bytes.withUnsafeBufferPointer { scanner.secrets(in: $0, file: outcome.file) }
            var findings = found.map(\.finding)
            baseline?.baseline.apply(to: &findings, file: baseline?.file ?? "")
            outcome.findings += findings
            outcome.secretRanges = found.map(\.range)
            if !found.isEmpty || bytes.withUnsafeBufferPointer({ InlineSuppressions.mentionsAMarker($0) }) {
                outcome.text = String(decoding: bytes, as: UTF8.self)
            }
            return
        }
        guard var text = outcome.text, !lockFiles.contains(String(outcome.file.split(separator: "/").last ?? ""))
        else { return }
        let found = text.withUTF8 { scanner.secrets(in: $0, file: outcome.file) }
        var findings = found.map(\.finding)
        baseline?.baseline.apply(to: &findings, file: baseline?.file ?? "")
        outcome.findings += findings
        outcome.secretRanges = found.map(\.range)
    }

    /// Searches the text members of an archive (a `.zip`, `.jar`, `.whl`, `.tar.gz`…) for
    /// secrets, one level deep; a finding's file is `archive.zip!member/path`. What cannot be read
    /// (a damaged archive, an encrypted member, one past the limits) is a notice at the archive.
    static func searchArchive(
        _ bytes: [UInt8], of outcome: inout FileOutcome, with scanner: SecretScanner,
        baseline: (baseline: SecretBaseline, file: String)?
    ) {
        guard let format = ArchiveReader.format(name: outcome.file, prefix: bytes) else { return }
        var findings: [Finding] = []
        let problems = ArchiveReader.members(of: bytes, format: format, name: outcome.file) { member in
            let name = String(member.path.split(separator: "/").last ?? "")
            guard !member.bytes.prefix(8192).contains(0), !lockFiles.contains(name) else { return }
            findings += member.bytes.withUnsafeBufferPointer {
                scanner.secrets(in: $0, file: outcome.file + "!" + member.path).map(\.finding)
            }
        }
        baseline?.baseline.apply(to: &findings, file: baseline?.file ?? "")
        outcome.findings += findings
        let at = Location(file: outcome.file, line: 1, column: 1)
        outcome.diagnostics += problems.map { Diagnostic(.notice, "archive: " + $0, at: at) }
    }

    public static func run(_ options: Options, progress: Progress? = nil) async -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var diagnostics = options.policies.diagnostics
        let policyErrors = options.policies.errorCount

        let found = options.discovered ?? discover(options)
        diagnostics += found.diagnostics
        let files = found.files
        progress?.setFiles(files.count)

        // Read and parse on every core.
        let stdin = options.standardInput ?? []
        let maxBytes = options.maxFileBytes
        // Read and parse on long-lived threads with the stack the YAML composer needs (rather than
        // a new thread per file), one per core.
        let slots = Slots<FileOutcome>(count: files.count)
        let nextFile = Counter()
        let fileList = files
        // Workflows, pipelines and Dockerfiles are evaluated on the worker that read them, as soon
        // as they are read, so that their values are freed while still in cache rather than held
        // until every file is read. Their policies may read the cluster state through `resource`:
        // that is the objects beside the policies unless the scan reads Kubernetes manifests too,
        // which join the state; such a scan evaluates every file once all are read.
        let readsManifests = files.contains { $0.kind == ManifestParser.inputKind || $0.path == standardInputName }
        var earlyScanner =
            readsManifests
            ? nil : Scanner(policies: options.policies.policies, state: ClusterState(options.policies.state))
        earlyScanner?.profile = options.profile
        let early = earlyScanner
        let settle = Settler(options)
        let secrets = options.secrets
        let secretBaseline = options.secretBaseline
        let workers = min(options.parallelism, max(1, files.count))
        YAMLLoader.withLargeStackWorkers(count: workers) { _ in
            // Each core evaluates with programs of its own (see `Program.independentCopy()`).
            let early = workers > 1 ? early?.independentCopy() : early
            while true {
                let index = nextFile.take()
                guard index < fileList.count else { break }
                let entry = fileList[index]
                var outcome = read(entry.path, kind: entry.kind, standardInput: stdin, maxBytes: maxBytes)
                searchSecrets(&outcome, with: secrets, baseline: secretBaseline)
                if let early, fileLocalKinds.contains(outcome.kind) {
                    let result = early.scan(
                        converted: Array(zip(outcome.resources, outcome.values)), text: outcome.text)
                    outcome.findings += result.findings
                    outcome.diagnostics += result.diagnostics
                    outcome.values = []
                    outcome.evaluated = true
                    settle(&outcome)
                    // Freed here, on this core and while still in its cache, rather than at the end.
                    outcome.resourceCount = outcome.resources.count
                    outcome.resources = []
                }
                slots.set(index, outcome)
                progress?.step()
            }
        }
        var outcomes = slots.take()
        var phases = [(name: "read, parse, evaluate file by file", time: clock.now - start)]
        var phaseStart = clock.now
        if outcomes.contains(where: { $0.kind == TerraformReader.inputKind }) {
            await readTerraform(into: &outcomes, options)
        }

        // One cluster state for every policy: the objects beside the policies, then every scanned
        // object (a scanned one replaces a policy-side one of the same identity).
        var state = ClusterState(options.policies.state)
        state = state.adding(
            outcomes.filter { $0.kind == ManifestParser.inputKind }.flatMap { zip($0.resources, $0.values) })

        // Evaluate in chunks of up to 64 resources on every core, so that one large file is spread
        // over the cores too.
        var chunks: [(file: Int, range: Range<Int>)] = []
        for (index, outcome) in outcomes.enumerated() where !outcome.evaluated {
            for start in stride(from: 0, to: outcome.resources.count, by: 64) {
                chunks.append((index, start..<min(start + 64, outcome.resources.count)))
            }
        }
        if !chunks.isEmpty {
            let terraform = TerraformIndex(
                outcomes.filter { $0.kind == TerraformReader.inputKind || $0.kind == PlanReader.inputKind }
                    .flatMap { zip($0.resources, $0.values) })
            var lateScanner = Scanner(policies: options.policies.policies, state: state, terraform: terraform)
            lateScanner.profile = options.profile
            let scanner = lateScanner
            progress?.addToTotal(chunks.count)
            // A second reference to the outcomes for the cores, gone once they are done: the
            // outcomes are then changed in place, not copied.
            let results = await { (parsed: [FileOutcome]) in
                await concurrentMap(chunks, parallelism: options.parallelism) { chunk in
                    let outcome = parsed[chunk.file]
                    let result = scanner.scan(
                        converted: Array(zip(outcome.resources[chunk.range], outcome.values[chunk.range])),
                        text: outcome.text)
                    progress?.step()
                    return result
                }
            }(outcomes)
            for (chunk, result) in zip(chunks, results) {
                outcomes[chunk.file].findings += result.findings
                outcomes[chunk.file].diagnostics += result.diagnostics
            }
        }

        phases.append((name: "read Terraform, evaluate the rest", time: clock.now - phaseStart))
        phaseStart = clock.now
        for index in outcomes.indices where !outcomes[index].evaluated {
            outcomes[index].values = []
            settle(&outcomes[index])
        }

        var sources = options.policies.sources
        var fileKinds: [String: String] = [:]
        var resourceCount = 0
        var inputErrors = diagnostics.count { $0.level == .error } - policyErrors
        // In the order of their files, so that findings sorted per file come out sorted overall.
        sources.reserveCapacity(sources.count + outcomes.count)
        fileKinds.reserveCapacity(outcomes.count)
        let order = outcomes.indices.sorted { outcomes[$0].file < outcomes[$1].file }
        let findings = Self.moveFindings(of: &outcomes, in: order)
        for outcome in order.lazy.map({ outcomes[$0] }) {
            diagnostics += outcome.diagnostics
            inputErrors += outcome.diagnostics.count { $0.level == .error }
            resourceCount += outcome.evaluated ? outcome.resourceCount : outcome.resources.count
            fileKinds[outcome.file] = outcome.kind
            if let text = outcome.text {
                sources[outcome.file] = SecretScanner.masked(text, hiding: outcome.secretRanges)
            }
        }
        let policies = options.policies.policies
        var policyInfo: [String: ReportPolicyInfo] = [:]
        for policy in policies {
            policyInfo[policy.id] = ReportPolicyInfo(
                title: policy.title, description: policy.description, severity: policy.severity,
                equivalents: policy.equivalents, frameworks: policy.frameworks, remediation: policy.remediation,
                references: policy.references)
        }
        for detector in options.secrets?.detectors ?? [] {
            policyInfo[detector.id] = ReportPolicyInfo(
                title: detector.title, description: detector.description, severity: detector.severity,
                equivalents: detector.equivalents, remediation: detector.remediation)
        }
        let elapsed = clock.now - start
        let milliseconds = Int(
            elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let report = Report(
            findings: findings, diagnostics: diagnostics, files: outcomes.count, resources: resourceCount,
            policies: options.policies.distinctCount, durationMilliseconds: milliseconds, policyInfo: policyInfo,
            fileKinds: fileKinds)
        phases.append((name: "ignores, report", time: clock.now - phaseStart))
        return Outcome(
            report: report, sources: sources, inputErrorCount: inputErrors, policyErrorCount: policyErrors,
            phases: phases)
    }

    /// The findings of `outcomes` in one array, file after file in `order`, moved rather than
    /// copied: a copy of a finding retains each of its strings, and a large scan has tens of
    /// thousands of findings. Each outcome is left holding as many placeholders, which own nothing.
    static func moveFindings(of outcomes: inout [FileOutcome], in order: [Int]) -> [Finding] {
        var placeholder = Finding(
            policyID: "", title: "", severity: .info, mode: "", message: "",
            location: Location(file: "", line: 0, column: 0), resource: "", path: "")
        placeholder.fingerprint = ""
        var findings = [Finding](repeating: placeholder, count: order.reduce(0) { $0 + outcomes[$1].findings.count })
        var next = 0
        findings.withUnsafeMutableBufferPointer { target in
            for index in order {
                outcomes[index].findings.withUnsafeMutableBufferPointer { source in
                    for position in source.indices {
                        swap(&target[next], &source[position])
                        next += 1
                    }
                }
            }
        }
        return findings
    }

    /// What is done to a file's findings once its policies have run: its ignore comments are
    /// applied, and unknown findings are kept, dropped or opened as `options.unknowns` says.
    struct Settler: Sendable {
        let known: [String: String]
        let equivalents: [String: [String]]
        let unknowns: UnknownMode

        init(_ options: Options) {
            var known = options.policies.knownIDs
            var equivalents: [String: [String]] = [:]
            for policy in options.policies.policies {
                for equivalent in policy.equivalents { equivalents[equivalent, default: []].append(policy.id) }
            }
            // Secret detectors are waived like policies: `palisade:ignore[secret-github-pat] reason`.
            for detector in options.secrets?.detectors ?? [] {
                known[detector.id] = detector.id
                for equivalent in detector.equivalents { equivalents[equivalent, default: []].append(detector.id) }
            }
            self.known = known
            self.equivalents = equivalents
            unknowns = options.unknowns
        }

        func callAsFunction(_ outcome: inout FileOutcome) {
            if let text = outcome.text {
                var ignores = InlineSuppressions(
                    text: text, file: outcome.file, knownPolicies: known, equivalents: equivalents)
                var starts: [Int: String] = [:]
                var ranges: [(lines: ClosedRange<Int>, identity: String)] = []
                for resource in outcome.resources {
                    starts[Int(resource.span.line)] = resource.identity
                    if outcome.kind == TerraformReader.inputKind {
                        let first = Int(resource.span.line)
                        ranges.append((first...max(first, Int(resource.span.endLine)), resource.identity))
                    }
                }
                ignores.apply(to: &outcome.findings, resourceStarts: starts, resourceRanges: ranges)
                outcome.diagnostics += ignores.diagnostics
                outcome.findings += ignores.findings
            }
            switch unknowns {
            case .report: break
            case .ignore: outcome.findings.removeAll { $0.status == .unknown }
            case .fail:
                for position in outcome.findings.indices where outcome.findings[position].status == .unknown {
                    outcome.findings[position].status = .open
                }
            }
            // Sorted here, on the core that made them: the report then finds them in order.
            outcome.findings.sort()
        }
    }

    /// The files a scan with `options` reads and the input that reads each, in the order the paths
    /// were given and sorted within each folder; problems finding them are diagnostics.
    public static func discover(_ options: Options) -> Discovery {
        let active = kinds.filter { options.kinds?.contains($0) ?? true }
        // Searching for secrets reads every file (binary ones are told by their content when read).
        let everyFile = options.kinds?.contains(SecretScanner.inputKind) == true
        var discovery = Discovery()
        var seen = Set<String>()
        for root in options.paths.isEmpty ? ["."] : options.paths {
            if root == "-" {
                if seen.insert(standardInputName).inserted, let kind = active.first {
                    discovery.files.append((standardInputName, kind))
                }
                continue
            }
            let names: @Sendable (String) -> Bool
            if everyFile { names = { _ in true } } else { names = { InputFiles.isInputName($0) } }
            let found = FileWalker.files(
                under: root, extensions: InputFiles.extensions, names: names, skip: options.skipPaths)
            discovery.diagnostics += found.diagnostics
            // The configuration file is YAML but not an input.
            let configuration = "/" + ScanConfiguration.defaultFileName
            // A scan for secrets alone reads every file as such: no file's kind to work out.
            let secretsOnly = active == [SecretScanner.inputKind]
            for file in found.files where !file.hasSuffix(configuration) && seen.insert(file).inserted {
                if secretsOnly {
                    discovery.files.append((file, SecretScanner.inputKind))
                } else if let kind = kind(of: file, givenByName: file == root, active: active) {
                    discovery.files.append((file, kind))
                } else if everyFile {
                    discovery.files.append((file, SecretScanner.inputKind))
                }
            }
        }
        return discovery
    }

    /// What `discover` found.
    public struct Discovery: Sendable {
        public var files: [(path: String, kind: String)] = []
        public var diagnostics: [Diagnostic] = []

        /// The inputs whose policies the files need: their kinds, and plans wherever JSON is read
        /// (a saved plan is told apart by content only when it is read).
        public var kinds: Set<String> {
            var kinds = Set(files.map(\.kind))
            if files.contains(where: {
                ($0.path.hasSuffix(".json") && $0.kind != SecretScanner.inputKind)
                    || $0.path == ScanJob.standardInputName
            }) {
                kinds.insert(PlanReader.inputKind)
            }
            return kinds
        }
    }

    /// The input that reads `file` among `active`, or `nil` when none does. A file named on the
    /// command line is read by the first active input when its path names none that is active
    /// (`palisade scan ci.yml --kinds github-actions`).
    static func kind(of file: String, givenByName: Bool, active: [String]) -> String? {
        var kind = InputFiles.kind(of: file)
        // JSON that Kubernetes would read is a plan's when only plans are read.
        if kind == ManifestParser.inputKind, file.hasSuffix(".json"), !active.contains(kind ?? ""),
            active.contains(PlanReader.inputKind)
        {
            kind = PlanReader.inputKind
        }
        if let kind, active.contains(kind) { return kind }
        return givenByName ? active.first : nil
    }

    /// Reads and parses one file. Problems become its diagnostics.
    static func read(_ path: String, kind: String, standardInput: [UInt8], maxBytes: Int) -> FileOutcome {
        var outcome = FileOutcome(file: path, kind: kind)
        let at = Location(file: path, line: 1, column: 1)
        var bytes: [UInt8]
        if path == standardInputName {
            bytes = standardInput
        } else {
            do {
                // Read for secrets only: a binary file is known by its first bytes, and not read on.
                if kind == SecretScanner.inputKind,
                    let text = try InputReader.textContents(path: path, maxBytes: maxBytes, binaryPrefix: 8192)
                {
                    guard !text.isEmpty else {
                        // Binary: an archive is read whole, for its members to be searched.
                        if ArchiveReader.mayBeArchive(path) {
                            do {
                                outcome.archive = try InputReader.withContents(path: path, maxBytes: maxBytes) {
                                    Array($0)
                                }
                            } catch {
                                outcome.diagnostics.append(
                                    Diagnostic(.notice, "archive not searched: \(error)", at: at))
                            }
                        }
                        return outcome
                    }
                    bytes = text
                } else {
                    bytes = try InputReader.withContents(path: path, maxBytes: maxBytes) { Array($0) }
                }
            } catch {
                outcome.diagnostics.append(Diagnostic(.error, error.description, at: at))
                return outcome
            }
        }
        if let zero = bytes.prefix(8192).firstIndex(of: 0) {
            // A file read only for secrets is any file of the tree: images and archives are passed
            // over without a word.
            if kind != SecretScanner.inputKind {
                outcome.diagnostics.append(
                    Diagnostic(.notice, "looks like a binary file (a NUL byte at offset \(zero)); not scanned", at: at))
            }
            return outcome
        }
        if kind == SecretScanner.inputKind {
            outcome.secretBytes = bytes
            return outcome
        }
        outcome.text = String(decoding: bytes, as: UTF8.self)
        // Terraform is read by module (folder), once every file is known: see readTerraform.
        if kind == TerraformReader.inputKind { return outcome }
        if path.hasSuffix(".json") && PlanReader.looksLikePlan(bytes) || kind == PlanReader.inputKind {
            outcome.kind = PlanReader.inputKind
            let plan = PlanReader.parse(bytes: bytes, file: path)
            outcome.resources = plan.resources
            outcome.values = plan.resources.map { NodeValue.value(of: $0.content) }
            outcome.diagnostics = plan.diagnostics
            return outcome
        }
        let parsed = InputFiles.resources(in: bytes, file: path, kind: kind)
        bytes = []
        outcome.resources = parsed.resources
        outcome.values = parsed.resources.map { NodeValue.value(of: $0.content) }
        outcome.diagnostics = parsed.diagnostics
        return outcome
    }

    /// Evaluates the Terraform root modules among the folders of the Terraform files read, on
    /// every core, and gives each file its resources and diagnostics. A module file outside the
    /// scanned paths (a module called from `../`) gets an outcome of its own.
    static func readTerraform(into outcomes: inout [FileOutcome], _ options: Options) async {
        let reader = TerraformReader(files: DiskModuleFiles(maxBytes: options.maxFileBytes), options: options.terraform)
        var byPath: [String: Int] = [:]
        var directories: Set<String> = []
        for (index, outcome) in outcomes.enumerated() where outcome.kind == TerraformReader.inputKind {
            byPath[TerraformReader.normalise(outcome.file)] = index
            if outcome.file.hasSuffix(".tf") || outcome.file.hasSuffix(".tf.json") {
                directories.insert(TerraformReader.directory(of: outcome.file))
            }
        }
        let roots = reader.roots(among: Array(directories))
        let results = await concurrentMap(roots, parallelism: options.parallelism) { root in
            let read = reader.read(root: root)
            return (read.resources, read.resources.map { NodeValue.value(of: $0.content) }, read.diagnostics)
        }
        var extra: [String: FileOutcome] = [:]
        func place(_ file: String, _ body: (inout FileOutcome) -> Void) {
            if let index = byPath[TerraformReader.normalise(file)] {
                body(&outcomes[index])
                return
            }
            var outcome = extra[file] ?? FileOutcome(file: file, kind: TerraformReader.inputKind)
            if outcome.text == nil, let bytes = DiskModuleFiles(maxBytes: options.maxFileBytes).contents(of: file) {
                outcome.text = String(decoding: bytes, as: UTF8.self)
            }
            body(&outcome)
            extra[file] = outcome
        }
        for (resources, values, diagnostics) in results {
            for (resource, value) in zip(resources, values) {
                place(resource.file) {
                    $0.resources.append(resource)
                    $0.values.append(value)
                }
            }
            for diagnostic in diagnostics {
                place(diagnostic.location.file) { $0.diagnostics.append(diagnostic) }
            }
        }
        outcomes += extra.keys.sorted().compactMap { extra[$0] }
    }

    /// `transform` applied to every element on up to `parallelism` tasks, results in input order.
    static func concurrentMap<Element: Sendable, Result: Sendable>(
        _ elements: [Element], parallelism: Int, _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        guard parallelism > 1, elements.count > 1 else { return elements.map(transform) }
        let next = Counter()
        let workers = min(parallelism, elements.count)
        return await withTaskGroup(of: [(Int, Result)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, Result)] = []
                    while true {
                        let index = next.take()
                        guard index < elements.count else { break }
                        done.append((index, transform(elements[index])))
                    }
                    return done
                }
            }
            var results = [Result?](repeating: nil, count: elements.count)
            for await batch in group {
                for (index, result) in batch { results[index] = result }
            }
            return results.compactMap { $0 }
        }
    }

    /// Results written by workers at their own index.
    final class Slots<Value: Sendable>: Sendable {
        private let storage: Mutex<[Value?]>
        init(count: Int) { storage = Mutex([Value?](repeating: nil, count: count)) }
        func set(_ index: Int, _ value: Value) { storage.withLock { $0[index] = value } }
        /// The values set, which the slots give up (so that the caller holds the only reference
        /// to each, and changes them in place).
        func take() -> [Value] {
            let taken = storage.withLock { stored in
                var taken: [Value?] = []
                swap(&taken, &stored)
                return taken
            }
            return taken.compactMap { $0 }
        }
    }

    /// Hands out indices to workers.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
