import Foundation
import PolicyModel
import Testing

@testable import Workspace

/// The walk that finds a scan's files: the first levels of folders are walked on every core,
/// and the files must still come out in the one sorted order of a walk on one core.
struct FileWalkerTests {
    @Test func filesComeInSortedOrderAtEveryDepthWhateverTheCoresDo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Files beside folders at each level, deeper than the levels walked apart, with a hidden
        // folder left out, a hidden one entered, and a skipped one.
        let paths = [
            "a.yaml", "b/c.yaml", "b/d/e.yaml", "b/d/f/g.yaml", "b/d/f/h/i.yaml", "b/d2.yaml", "b/z.yaml",
            "c.yaml", "d/x.txt", "d/y.yaml", "e.yaml", ".hidden/j.yaml", ".github/workflows/k.yml",
            "skip/l.yaml", "m/n/o/p/q.yaml", "m/n.yaml", "m0.yaml",
        ]
        for path in paths {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "x: 1\n".write(toFile: full, atomically: false, encoding: .utf8)
        }
        let found = FileWalker.files(under: root, extensions: ["yaml", "yml"], skip: [try PathGlob("skip")])
        #expect(found.diagnostics.isEmpty)
        let expected = [
            ".github/workflows/k.yml", "a.yaml", "b/c.yaml", "b/d/e.yaml", "b/d/f/g.yaml", "b/d/f/h/i.yaml",
            "b/d2.yaml", "b/z.yaml", "c.yaml", "d/y.yaml", "e.yaml", "m/n/o/p/q.yaml", "m/n.yaml", "m0.yaml",
        ]
        #expect(found.files == expected.map { root + "/" + $0 })
    }

    /// Links to folders are never followed; one that points back to a folder being walked (the
    /// root, or an ancestor of the link's own folder) is a notice, one that points to a sibling
    /// or outside the walk is not; a link to a file is read like the file, one that points
    /// nowhere is a notice.
    @Test func linksToFoldersAreNotFollowedAndLoopsAreNoticed() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root = base + "/root"
        let manager = FileManager.default
        for folder in ["a/b/c", "sibling", "outside"] {
            try manager.createDirectory(
                atPath: (folder == "outside" ? base : root) + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["a/one.yaml", "a/b/c/two.yaml", "sibling/three.yaml"] {
            try "x: 1\n".write(toFile: root + "/" + file, atomically: false, encoding: .utf8)
        }
        try "x: 1\n".write(toFile: base + "/outside/four.yaml", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/a/b/c/up", withDestinationPath: root + "/a")
        try manager.createSymbolicLink(atPath: root + "/a/b/top", withDestinationPath: "../..")
        try manager.createSymbolicLink(atPath: root + "/a/b/side", withDestinationPath: root + "/sibling")
        try manager.createSymbolicLink(atPath: root + "/a/out", withDestinationPath: base + "/outside")
        try manager.createSymbolicLink(atPath: root + "/a/five.yaml", withDestinationPath: base + "/outside/four.yaml")
        try manager.createSymbolicLink(atPath: root + "/a/gone.yaml", withDestinationPath: base + "/nothing.yaml")
        let found = FileWalker.files(under: root, extensions: ["yaml"])
        #expect(
            found.files
                == ["a/b/c/two.yaml", "a/five.yaml", "a/one.yaml", "sibling/three.yaml"].map { root + "/" + $0 })
        let notices = found.diagnostics.map(\.message).sorted()
        #expect(notices.count == 3, "\(notices)")
        #expect(notices.contains { $0.hasPrefix("symbolic link \"\(root)/a/b/c/up\" points back to") })
        #expect(notices.contains { $0.hasPrefix("symbolic link \"\(root)/a/b/top\" points back to") })
        #expect(notices.contains("symbolic link \"\(root)/a/gone.yaml\" points nowhere; skipped"))
    }

    /// A report written in pieces, each at its offset on any core, is the pieces one after
    /// another, and replaces a longer file that was there.
    @Test func chunksAreWrittenInOrderOverAnOlderFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try String(repeating: "x", count: 100_000).write(toFile: path, atomically: false, encoding: .utf8)
        var chunks: [[UInt8]] = [Array("[\n".utf8), []]
        for index in 0..<200 {
            chunks.append(Array("  \"chunk \(index)\",\n".utf8) + [UInt8](repeating: 0x20, count: index))
        }
        chunks.append(Array("]\n".utf8))
        try FileWalker.writeFile(chunks: chunks, to: path)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == Array(chunks.joined()))
    }
}
