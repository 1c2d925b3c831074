import Foundation
import PolicyModel

/// The detectors that ship with Palisade: every `*.yaml` file in the bundled `Detectors` folder,
/// one detector per file named after its id, found without a registration list.
public enum BuiltInDetectors {
    public static func load() -> (detectors: [Detector], diagnostics: [Diagnostic]) {
        guard let root = Bundle.module.url(forResource: "Detectors", withExtension: nil) else {
            return ([], [Diagnostic(.error, "the built-in detectors are missing from the bundle", at: Self.folder)])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var detectors: [Detector] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            let file = "Detectors/" + name
            guard let data = FileManager.default.contents(atPath: root.path + "/" + name) else {
                diagnostics.append(
                    Diagnostic(.error, "cannot read the detector file", at: Location(file: file, line: 1, column: 1)))
                continue
            }
            let read = DetectorReader.read(String(decoding: data, as: UTF8.self), file: file)
            detectors += read.detectors
            diagnostics += read.diagnostics
        }
        return (detectors, diagnostics)
    }

    private static let folder = Location(file: "Detectors", line: 1, column: 1)
}
