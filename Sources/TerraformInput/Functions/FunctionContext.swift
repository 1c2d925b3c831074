/// What a function needs from the configuration it is called in: the files of the module (for
/// `file`, `templatefile`, `fileexists`) and the evaluation of a template (for `templatefile`).
///
/// Files are read only inside the module's own directory tree; a path outside it (an absolute
/// path, or one that climbs out with `..`) is an error, never a read.
public protocol FunctionContext: Sendable {
    /// The text of the file at `path`, relative to the module directory; `nil` when it does not
    /// exist, is outside the module, or is not UTF-8 text.
    func readFile(_ path: String) -> String?
    /// The result of the template `source` with `variables` in scope, or an error message.
    func renderTemplate(_ source: String, path: String, variables: ObjectValue) -> Result<TerraformValue, FunctionError>
}

/// Why a function call failed: wrong argument types or counts, a value out of range, a file that
/// cannot be read. The evaluator reports it at the call.
public struct FunctionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
