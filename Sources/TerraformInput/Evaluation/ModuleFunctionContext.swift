import HCL

/// Files and templates for the functions of one module: paths are resolved against the module
/// directory and must stay inside the scanned tree (no absolute paths, no climbing out with `..`).
struct ModuleFunctionContext: FunctionContext {
    let directory: String
    let files: any ModuleFiles

    func readFile(_ path: String) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        let resolved = Paths.join(directory, path)
        guard Paths.isInside(resolved, Paths.normalise(directory)) else { return nil }
        guard let bytes = files.contents(of: resolved), bytes.count <= 16 << 20 else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    func renderTemplate(_ source: String, path: String, variables: ObjectValue) -> Result<TerraformValue, FunctionError>
    {
        let expression: Expression
        do throws(Diagnostics) {
            expression = try Expression.parseTemplate(source, path: path)
        } catch {
            return .failure(FunctionError("the template \(path) does not parse: \(error.errors.first?.summary ?? "")"))
        }
        // A template sees only its variables (and functions), never the module's names.
        var names: [String: TerraformValue] = [:]
        for entry in variables.entries { names[entry.key] = entry.value }
        let config = ModuleConfig(directory: directory)
        let session = ModuleInstance.Session(loader: ModuleLoader(files: files), rootDirectory: directory)
        let instance = ModuleInstance(config: config, address: "", session: session, inputs: [:], depth: 0, callers: [])
        do throws(EvaluationError) {
            return .success(try instance.evaluate(expression, Scope(file: path, names: names)))
        } catch {
            return .failure(FunctionError("in template \(path): \(error.message)"))
        }
    }
}
