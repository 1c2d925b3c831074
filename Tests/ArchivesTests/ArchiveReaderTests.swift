import Foundation
import Testing

@testable import Archives

/// The members of the archives in Fixtures (made by scripts/make-archive-fixtures.py): what each
/// holds, and what cannot be read is named rather than read past its limits.
struct ArchiveReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func read(_ name: String, limits: ArchiveReader.Limits = ArchiveReader.Limits()) throws -> (
        members: [String: [UInt8]], problems: [String]
    ) {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
        let format = try #require(ArchiveReader.format(name: name, prefix: bytes))
        var members: [String: [UInt8]] = [:]
        let problems = ArchiveReader.members(of: bytes, format: format, name: name, limits: limits) {
            members[$0.path] = $0.bytes
        }
        return (members, problems)
    }

    static func text(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

    @Test func zipMembersStoredAndDeflatedAreRead() throws {
        let (members, problems) = try Self.read("app.zip")
        #expect(members.keys.sorted() == ["README.md", "bin/tool", "config/.env"])
        #expect(Self.text(members["config/.env"]).hasPrefix("APP_ENV=production\nGITHUB_TOKEN=ghp_"))
        #expect(Self.text(members["README.md"]) == "# app\nNothing secret here.\n")
        #expect(problems == ["secret.txt is encrypted; not searched"])
    }

    @Test func tarInsideGzipAndASingleGzippedFileAreRead() throws {
        let (tar, tarProblems) = try Self.read("logs.tar.gz")
        let long = "deploy/" + String(repeating: "nested-folder/", count: 8) + "settings.env"
        #expect(tar.keys.sorted() == [long, "deploy/notes.txt"])
        #expect(Self.text(tar[long]).contains("GITHUB_TOKEN=ghp_"))
        #expect(tarProblems.isEmpty)

        let (single, problems) = try Self.read("notes.env.gz")
        #expect(single.keys.sorted() == ["notes.env"] && problems.isEmpty)
    }

    @Test func whatCannotBeReadIsNamedAndLimitsHold() throws {
        // Says 100 bytes, inflates to a megabyte: stopped at what it says.
        let (bomb, bombProblems) = try Self.read("bomb.zip")
        #expect(bomb.isEmpty)
        #expect(bombProblems == ["zeros.txt inflates to more than it says (100 bytes); not searched"])

        let (damaged, damagedProblems) = try Self.read("damaged.zip")
        #expect(damaged.isEmpty && damagedProblems == ["not a readable zip archive (no central directory)"])

        let tight = ArchiveReader.Limits(memberBytes: 40, totalBytes: 1 << 20, members: 10)
        let (small, smallProblems) = try Self.read("app.zip", limits: tight)
        #expect(small.keys.sorted() == ["README.md"])
        #expect(smallProblems.contains("config/.env is over the archive's limits; not searched"))

        let (gzip, gzipProblems) = try Self.read("logs.tar.gz", limits: ArchiveReader.Limits(totalBytes: 1000))
        #expect(gzip.isEmpty && gzipProblems == ["it inflates to more than 1000 bytes; not searched"])
    }

    @Test func formatsAreKnownByNameAndFirstBytes() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0, 0]
        #expect(ArchiveReader.format(name: "lib/app.JAR", prefix: zip) == .zip)
        #expect(ArchiveReader.format(name: "app.docx", prefix: zip) == nil)
        #expect(ArchiveReader.format(name: "app.zip", prefix: [0x7F, 0x45]) == nil)
        #expect(ArchiveReader.format(name: "a.tgz", prefix: [0x1F, 0x8B, 8]) == .gzip)
        #expect(ArchiveReader.format(name: "random", prefix: zip) == nil)
    }

    /// Damaged archives never crash the reader and never make it read past its limits: each
    /// fixture with bytes changed, cut short or grown, thousands of times over.
    @Test func damagedArchivesAreReadWithoutCrashing() throws {
        var generator = SystemRandomNumberGenerator()
        let limits = ArchiveReader.Limits(memberBytes: 1 << 20, totalBytes: 4 << 20, members: 1_000)
        for name in ["app.zip", "logs.tar.gz", "notes.env.gz", "bomb.zip"] {
            let original = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
            let format = try #require(ArchiveReader.format(name: name, prefix: original))
            for round in 0..<1_500 {
                var bytes = original
                switch round % 3 {
                case 0:
                    for _ in 0..<Int.random(in: 1...8, using: &generator) {
                        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                            in: 0...255, using: &generator)
                    }
                case 1:
                    bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                default:
                    bytes += (0..<Int.random(in: 1...600, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
                }
                var total = 0
                _ = ArchiveReader.members(of: bytes, format: format, name: name, limits: limits) { member in
                    total += member.bytes.count
                }
                #expect(total <= limits.totalBytes)
            }
        }
    }
}
