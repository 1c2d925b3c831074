import HCL
import PolicyModel

/// Reads module directories into `ModuleConfig`s, each directory once however often it is
/// called. Syntax errors become diagnostics with file, line and column; the rest of the file
/// (and every other file) is still read.
public final class ModuleLoader {
    let files: any ModuleFiles
    private var loaded: [String: ModuleConfig] = [:]

    public init(files: any ModuleFiles) {
        self.files = files
    }

    /// Whether Terraform reads `name` as configuration.
    public static func isConfigurationFile(_ name: String) -> Bool {
        name.hasSuffix(".tf") || name.hasSuffix(".tf.json")
    }

    /// The module in `directory`; `nil` when it holds no configuration file.
    public func module(in directory: String) -> ModuleConfig? {
        let directory = Paths.normalise(directory)
        if let module = loaded[directory] { return module }
        guard let names = files.fileNames(in: directory) else { return nil }
        let configuration = names.filter(Self.isConfigurationFile).sorted()
        guard !configuration.isEmpty else { return nil }
        var module = ModuleConfig(directory: directory)
        for name in configuration {
            let path = directory == "." ? name : directory + "/" + name
            guard let bytes = files.contents(of: path) else {
                module.diagnostics.append(
                    Diagnostic(.error, "cannot read the file", at: Location(file: path, line: 1, column: 1)))
                continue
            }
            let parsed = Self.parse(bytes, path: path)
            module.diagnostics += parsed.diagnostics
            module.add(parsed.body, file: path)
        }
        loaded[directory] = module
        return module
    }

    /// One configuration file, native or JSON syntax by its name.
    static func parse(_ bytes: [UInt8], path: String) -> (body: Body, diagnostics: [Diagnostic]) {
        let file =
            path.hasSuffix(".json")
            ? ConfigFile.parseJSON(utf8: bytes, path: path) : ConfigFile.parse(utf8: bytes, path: path)
        return (file.body, file.diagnostics.map(diagnostic))
    }

    static func diagnostic(_ error: SyntaxError) -> Diagnostic {
        Diagnostic(.error, error.message, at: ModuleConfig.location(error.path, error.range))
    }
}
