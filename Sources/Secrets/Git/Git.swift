import Foundation

/// `git` run as a subprocess in a repository: what the secrets commands read of staged changes.
public struct Git: Sendable {
    /// The repository's working folder (any folder inside it).
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Runs `git arguments…` and returns its standard output; a non-zero exit is a `Failure` with
    /// what git wrote to standard error.
    public func run(_ arguments: [String]) throws(Failure) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error)")
        }
        // Read both pipes while git runs, so that a large diff cannot fill one and stall it.
        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.errors = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: collected.errors, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return [UInt8](data)
    }

    private final class Collected: @unchecked Sendable {
        // Written by the reading thread before `group.leave()`, read after `group.wait()`.
        var errors = Data()
    }

    /// The files with staged changes (added, copied, modified or renamed; not deleted) and, for
    /// each, the lines of its staged version that the change adds, as ranges of line numbers.
    public func stagedAdditions() throws(Failure) -> [(path: String, lines: [ClosedRange<Int>])] {
        let diff = try run(["diff", "--cached", "--no-color", "--no-ext-diff", "--unified=0", "--diff-filter=ACMR"])
        return Self.additions(inDiff: diff)
    }

    /// The staged version of `path` (its blob in the index).
    public func stagedContents(of path: String) throws(Failure) -> [UInt8] {
        try run(["show", ":" + path])
    }

    /// Reads a unified diff with zero lines of context: `+++ b/<path>` names the file, each
    /// `@@ -a,b +c,d @@` adds lines c…c+d−1 of the new version (d omitted means 1; 0 adds none).
    static func additions(inDiff diff: [UInt8]) -> [(path: String, lines: [ClosedRange<Int>])] {
        var files: [(path: String, lines: [ClosedRange<Int>])] = []
        for line in diff.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: "+++ ".utf8) {
                if let path = path(inFileHeader: line) { files.append((path, [])) }
            } else if line.starts(with: "@@ ".utf8), !files.isEmpty, let added = addedLines(inHunkHeader: line) {
                files[files.count - 1].lines.append(added)
            }
        }
        return files
    }

    /// The path of a `+++ b/<path>` line (quoted by git when it has unusual characters); `nil` for
    /// `/dev/null`, a deleted file.
    static func path(inFileHeader line: ArraySlice<UInt8>) -> String? {
        var path = String(decoding: line.dropFirst(4), as: UTF8.self)
        if path == "/dev/null" { return nil }
        if path.hasPrefix("b/") { path.removeFirst(2) }
        if path.hasPrefix("\"b/"), path.hasSuffix("\"") { path = unquote(String(path.dropFirst(3).dropLast())) }
        return path
    }

    /// The lines of the new version a hunk header `@@ -a,b +c,d @@` adds; `nil` when it adds none.
    static func addedLines(inHunkHeader line: ArraySlice<UInt8>) -> ClosedRange<Int>? {
        guard let hunk = hunk(inHeader: line), hunk.added > 0 else { return nil }
        return hunk.start...(hunk.start + hunk.added - 1)
    }

    /// A hunk header's counts: how many lines it removes, and the first line and number of the
    /// lines it adds (a count left out is 1). The hunk's body is that many `-` then `+` lines.
    static func hunk(inHeader line: ArraySlice<UInt8>) -> (removed: Int, start: Int, added: Int)? {
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func numbers(_ part: Substring) -> (Int, Int)? {
            let fields = part.dropFirst().split(separator: ",")
            guard let first = fields.first, let start = Int(first) else { return nil }
            return (start, fields.count > 1 ? Int(fields[1]) ?? 1 : 1)
        }
        guard let old = numbers(parts[1]), let new = numbers(parts[2]) else { return nil }
        return (old.1, new.0, new.1)
    }

    private static func unquote(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\"), let next = iterator.next() else {
                bytes.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                // Three octal digits: a byte of a UTF-8 sequence.
                var value = Int(next - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    if let digit = iterator.next() { value = value * 8 + Int(digit - UInt8(ascii: "0")) }
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
