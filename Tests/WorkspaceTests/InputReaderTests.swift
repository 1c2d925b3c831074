import Foundation
import Testing

@testable import Workspace

/// How files are read: a file read only for its secrets is known to be binary by its first bytes
/// and not read on; a text file is read whole, whatever its size.
struct InputReaderTests {
    @Test func aBinaryFileIsKnownByItsFirstBytesAndATextFileIsReadWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + name))
            return root + "/" + name
        }
        let text = Array(String(repeating: "line of text\n", count: 2_000).utf8)  // 26 KB
        let binary = [0x7F, 0x45, 0x4C, 0x46, 0x00] + text
        // A NUL past the prefix that is checked does not make a file binary.
        let lateZero = text + [0x00] + text
        let empty: [UInt8] = []

        #expect(try InputReader.textContents(path: write("a.txt", text), maxBytes: 1 << 20, binaryPrefix: 8192) == text)
        #expect(try InputReader.textContents(path: write("a.so", binary), maxBytes: 1 << 20, binaryPrefix: 8192) == [])
        #expect(
            try InputReader.textContents(path: write("b.txt", lateZero), maxBytes: 1 << 20, binaryPrefix: 8192)
                == lateZero)
        #expect(try InputReader.textContents(path: write("e.txt", empty), maxBytes: 1 << 20, binaryPrefix: 8192) == [])
        #expect(try InputReader.textContents(path: root, maxBytes: 1 << 20, binaryPrefix: 8192) == nil)
        #expect(throws: InputReader.ReadError.self) {
            try InputReader.textContents(path: write("big.txt", text), maxBytes: 1000, binaryPrefix: 8192)
        }
        #expect(throws: InputReader.ReadError.self) {
            try InputReader.textContents(path: root + "/missing", maxBytes: 1000, binaryPrefix: 8192)
        }
    }
}
