import Dispatch
import Foundation
import PolicyModel
import Synchronization

/// The detectors that ship with Palisade: every `*.yaml` file in the bundled `Detectors` folder,
/// one detector per file named after its id, found without a registration list.
public enum BuiltInDetectors {
    public static func load() -> (detectors: [Detector], diagnostics: [Diagnostic]) {
        guard let root = Bundle.module.url(forResource: "Detectors", withExtension: nil) else {
            return ([], [Diagnostic(.error, "the built-in detectors are missing from the bundle", at: Self.folder)])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return DetectorFiles.read(names.map { (root.path + "/" + $0, "Detectors/" + $0) })
    }

    private static let folder = Location(file: "Detectors", line: 1, column: 1)
}

/// Detector files read and compiled on every core (each pattern is compiled forwards and
/// backwards: a hundred of them take a tenth of a second on one core, which every scan for secrets
/// waits for before it starts).
public enum DetectorFiles {
    /// The detectors of the YAML files under each of `paths` (a file, or a folder searched
    /// through), as a user gives them with `--detectors`: errors name the file, line and column.
    public static func load(paths: [String]) -> (detectors: [Detector], diagnostics: [Diagnostic]) {
        var files: [(path: String, shown: String)] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                diagnostics.append(
                    Diagnostic(.error, "no detector file or folder here", at: Location(file: path, line: 1, column: 1)))
                continue
            }
            guard isFolder.boolValue else {
                files.append((path, path))
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            let folder = path.hasSuffix("/") ? path : path + "/"
            files += found.map { (folder + $0, folder + $0) }
        }
        let read = read(files)
        return (read.detectors, diagnostics + read.diagnostics)
    }

    /// Reads `files` (where to read each, and the name its diagnostics give it), in order.
    static func read(_ files: [(path: String, shown: String)]) -> (detectors: [Detector], diagnostics: [Diagnostic]) {
        let slots = Mutex([(detectors: [Detector], diagnostics: [Diagnostic])?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (path, shown) = files[index]
            let result: (detectors: [Detector], diagnostics: [Diagnostic])
            if let data = FileManager.default.contents(atPath: path) {
                result = DetectorReader.read(String(decoding: data, as: UTF8.self), file: shown)
            } else {
                result = (
                    [],
                    [Diagnostic(.error, "cannot read the detector file", at: Location(file: shown, line: 1, column: 1))]
                )
            }
            slots.withLock { $0[index] = result }
        }
        let results = slots.withLock { $0 }
        return (results.flatMap { $0?.detectors ?? [] }, results.flatMap { $0?.diagnostics ?? [] })
    }

    /// `builtIn` with `own` added: a detector of the same id as a built-in one replaces it (to
    /// tighten or loosen it), the others join the set.
    public static func merging(_ own: [Detector], into builtIn: [Detector]) -> [Detector] {
        let replaced = Set(own.map(\.id))
        return builtIn.filter { !replaced.contains($0.id) } + own
    }
}
