import HCL
import PolicyModel

/// Reads Terraform configurations as Terraform does and gives every resource instance as a
/// `Resource` (`inputKind` `terraform`) for the policies.
///
/// Each root module is evaluated with its variables — defaults, then `terraform.tfvars`, then
/// `*.auto.tfvars` in name order, then the variable files and values the user gives — and local
/// modules (`source = "./..."`) are read and evaluated with the inputs their callers pass.
/// A directory that another scanned directory calls as a local module is evaluated through its
/// callers, with real inputs, rather than on its own with unknown ones.
///
/// A resource's `content` is its evaluated body (see `ModuleInstance.evaluateBody`); its identity
/// is its address (`module.network.aws_subnet.private[0]`), its `namespace` the module instance
/// it belongs to — the root module's directory, then a space and the instance's address for a
/// child module (`envs/prod module.network`) — and `references` the resources of the same module
/// it names.
public struct TerraformReader: Sendable {
    public static let inputKind = "terraform"

    public struct Options: Sendable {
        /// Extra variable files (`--var-file`), applied after the ones Terraform reads itself.
        public var variableFiles: [String]
        /// `--var NAME=VALUE`, applied last.
        public var variables: [(name: String, value: String)]

        public init(variableFiles: [String] = [], variables: [(name: String, value: String)] = []) {
            self.variableFiles = variableFiles
            self.variables = variables
        }
    }

    public let files: any ModuleFiles
    public var options: Options

    public init(files: any ModuleFiles, options: Options = Options()) {
        self.files = files
        self.options = options
    }

    /// `path` written as the loader writes the files it reads (`./a/../b.tf` is `b.tf`).
    public static func normalise(_ path: String) -> String { Paths.normalise(path) }

    /// The folder of a file path (`.` for a bare name).
    public static func directory(of path: String) -> String { Paths.directory(of: path) }

    /// The root modules among `directories`: those that hold configuration and that no other of
    /// them calls as a local module.
    public func roots(among directories: [String]) -> [String] {
        let loader = ModuleLoader(files: files)
        var called: Set<String> = []
        var withConfiguration: [String] = []
        for directory in Set(directories.map(Paths.normalise)).sorted() {
            guard let module = loader.module(in: directory) else { continue }
            withConfiguration.append(directory)
            for call in module.moduleCalls.values {
                guard let source = call.source, source.hasPrefix("./") || source.hasPrefix("../") else { continue }
                let target = Paths.join(directory, source)
                if target != directory { called.insert(target) }
            }
        }
        return withConfiguration.filter { !called.contains($0) }
    }

    /// Every resource instance of the root module in `directory` and the modules it calls.
    public func read(root directory: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        let loader = ModuleLoader(files: files)
        let directory = Paths.normalise(directory)
        guard let config = loader.module(in: directory) else { return ([], []) }
        let session = ModuleInstance.Session(loader: loader, rootDirectory: directory)
        session.diagnostics = config.diagnostics
        let inputs = rootVariables(directory, config: config, session: session)
        let root = ModuleInstance(
            config: config, address: "", session: session, inputs: inputs, depth: 0, callers: [])
        let resources = root.allResourceInstances().map { Self.resource($0, root: directory) }
        return (resources, session.diagnostics)
    }

    static func resource(_ instance: ResourceInstance, root: String) -> Resource {
        let block = instance.block
        let prefix = instance.moduleAddress.isEmpty ? "" : instance.moduleAddress + "."
        var resource = Resource(
            inputKind: inputKind, type: block.policyType, name: block.name,
            namespace: instance.moduleAddress.isEmpty ? root : root + " " + instance.moduleAddress,
            identity: instance.address,
            file: block.file, span: ModuleInstance.span(block.block.range), content: instance.content)
        resource.references = instance.references.sorted().map { prefix + $0 }
        return resource
    }

    // MARK: Variables

    private func rootVariables(_ directory: String, config: ModuleConfig, session: ModuleInstance.Session)
        -> [String: TerraformValue]
    {
        var values: [String: TerraformValue] = [:]
        let names = files.fileNames(in: directory) ?? []
        var automatic = names.filter { $0 == "terraform.tfvars" || $0 == "terraform.tfvars.json" }.sorted()
        automatic += names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
        let paths = automatic.map { Paths.join(directory, $0) } + options.variableFiles
        let evaluator = ModuleInstance(
            config: ModuleConfig(directory: directory), address: "", session: session, inputs: [:], depth: 0,
            callers: [])
        for path in paths {
            guard let bytes = files.contents(of: path) else {
                session.diagnostics.append(
                    Diagnostic(.error, "cannot read the variable file", at: Location(file: path, line: 1, column: 1)))
                continue
            }
            let (body, diagnostics) = ModuleLoader.parse(bytes, path: path)
            session.diagnostics += diagnostics
            for attribute in body.attributes {
                if config.variables[attribute.name] == nil {
                    session.diagnostics.append(
                        Diagnostic(
                            .warning, "value for undeclared variable \"\(attribute.name)\"",
                            at: ModuleConfig.location(path, attribute.nameRange)))
                }
                values[attribute.name] = evaluator.evaluateReporting(attribute.value, Scope(file: path))
            }
        }
        for (name, text) in options.variables {
            values[name] = Self.commandLineValue(text)
        }
        return values
    }

    /// A `--var` value: an HCL literal (number, bool, list, object) when it reads as one, else
    /// the text itself, as Terraform takes a value for a string variable.
    static func commandLineValue(_ text: String) -> TerraformValue {
        guard let expression = try? Expression.parse(text) else { return .string(text) }
        let session = ModuleInstance.Session(loader: ModuleLoader(files: NoFiles()), rootDirectory: ".")
        let instance = ModuleInstance(
            config: ModuleConfig(directory: "."), address: "", session: session, inputs: [:], depth: 0, callers: [])
        guard let value = try? instance.evaluate(expression, Scope(file: "")), !value.containsUnknown else {
            return .string(text)
        }
        return value
    }
}

/// No files at all: for evaluations that must not read any.
struct NoFiles: ModuleFiles {
    func fileNames(in directory: String) -> [String]? { nil }
    func contents(of path: String) -> [UInt8]? { nil }
}

extension TerraformReader {
    /// The resources of one configuration file read as a module of its own, with no variable
    /// files: for policy fixtures and tests.
    public static func read(singleFile text: String, path: String) -> (resources: [Resource], diagnostics: [Diagnostic])
    {
        let reader = TerraformReader(files: SingleFile(path: Paths.normalise(path), bytes: Array(text.utf8)))
        return reader.read(root: Paths.directory(of: path))
    }

    /// Whether a file name is Terraform configuration (`.tf`, `.tf.json`).
    public static func isConfigurationFile(_ path: String) -> Bool {
        ModuleLoader.isConfigurationFile(path)
    }
}

/// A module of one file.
struct SingleFile: ModuleFiles {
    let path: String
    let bytes: [UInt8]

    func fileNames(in directory: String) -> [String]? {
        Paths.directory(of: path) == Paths.normalise(directory) ? [String(path.split(separator: "/").last ?? "")] : nil
    }

    func contents(of path: String) -> [UInt8]? {
        Paths.normalise(path) == self.path ? bytes : nil
    }
}
