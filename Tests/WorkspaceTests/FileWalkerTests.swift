import Foundation
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
}
