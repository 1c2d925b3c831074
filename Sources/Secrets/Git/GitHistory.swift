import PolicyModel

/// The lines each commit of a repository's history added, read from one `git log -p` run, oldest
/// commit first: what `palisade secrets history` searches. Each hunk's added lines are searched as
/// one text (so a private key added whole is found whole) and placed back at their line numbers.
public enum GitHistory {
    /// One commit's addition to one file: consecutive added lines starting at `firstLine`.
    public struct Addition: Sendable {
        public var commit: String
        /// The author date, ISO 8601 (`git log --format=%aI`).
        public var date: String
        public var path: String
        public var firstLine: Int
        public var text: [UInt8]
    }

    /// The `git log` arguments for the commits `since` (exclusive) up to HEAD, or of every branch
    /// and tag with `all`, oldest first, with their patches and no context lines.
    static func logArguments(since: String?, all: Bool) -> [String] {
        var arguments = [
            "log", "--reverse", "--format=%x00commit %H %aI", "-p", "--unified=0", "--no-color", "--no-ext-diff",
            "--no-renames", "--diff-filter=ACMR",
        ]
        if all { arguments.append("--all") } else if let since { arguments.append(since + "..HEAD") }
        return arguments
    }

    public static func additions(in git: Git, since: String?, all: Bool) throws(Git.Failure) -> [Addition] {
        additions(inLog: try git.run(logArguments(since: since, all: all)))
    }

    /// Reads the output of `git log -p --unified=0` as `logArguments` asks for it. A hunk's body
    /// is read by its header's counts, so an added line that itself begins with `++ ` or `@@` is
    /// not taken for a header.
    static func additions(inLog log: [UInt8]) -> [Addition] {
        var additions: [Addition] = []
        var commit = ""
        var date = ""
        var path: String?
        var current: Addition?
        var removing = 0
        var adding = 0
        for raw in log.split(separator: 0x0A, omittingEmptySubsequences: false) {
            // "\ No newline at end of file" follows a hunk line; it is neither removed nor added.
            if raw.first == UInt8(ascii: "\\") { continue }
            if removing > 0 {
                removing -= 1
                continue
            }
            if adding > 0 {
                adding -= 1
                if current?.text.isEmpty == false { current?.text.append(0x0A) }
                current?.text += raw.dropFirst()
                if adding == 0, let done = current {
                    additions.append(done)
                    current = nil
                }
                continue
            }
            if raw.first == 0 {
                let fields = String(decoding: raw.dropFirst(), as: UTF8.self).split(separator: " ")
                commit = fields.count > 1 ? String(fields[1]) : ""
                date = fields.count > 2 ? String(fields[2]) : ""
                path = nil
            } else if raw.starts(with: "+++ ".utf8) {
                path = Git.path(inFileHeader: raw)
            } else if raw.starts(with: "@@ ".utf8), let path, let hunk = Git.hunk(inHeader: raw) {
                removing = hunk.removed
                adding = hunk.added
                if hunk.added > 0 {
                    current = Addition(commit: commit, date: date, path: path, firstLine: hunk.start, text: [])
                }
            }
        }
        return additions
    }

    /// The secrets the additions hold, each secret once: where it was first added (the oldest
    /// commit, then the first file and line), located at its line in that file and naming the commit.
    public static func secrets(in additions: [Addition], scanner: SecretScanner) -> [Finding] {
        var seen: Set<String> = []
        var findings: [Finding] = []
        for addition in additions {
            let found = addition.text.withUnsafeBufferPointer { scanner.secrets(in: $0, file: addition.path) }
            for (finding, _) in found where seen.insert(finding.fingerprint).inserted {
                var located = finding
                let offset = addition.firstLine - 1
                located.location.line += offset
                located.location.endLine = located.location.endLine.map { $0 + offset }
                located.resource = addition.path + "@" + String(addition.commit.prefix(12))
                located.message += ", added in commit \(addition.commit.prefix(12)) (\(addition.date))"
                findings.append(located)
            }
        }
        return findings
    }
}
