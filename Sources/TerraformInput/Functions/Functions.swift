/// Terraform's built-in functions, evaluated over `TerraformValue`s.
///
/// Each function is declared once, in the family file that holds it (`Functions+Strings.swift`
/// and so on), with its name, its argument count, how it treats unknown arguments and its
/// implementation; `table` gathers them. `try` and `can` are not here: they take their argument
/// unevaluated, so the evaluator handles them.
public enum Functions {
    /// Names of every supported function (without the `provider::` namespace).
    public static let names: Set<String> = Set(table.keys)

    /// The result of calling `name`; nil when no such function exists. Unknown arguments give
    /// `.unknown` per function semantics (e.g. length of a list with unknown elements is known;
    /// jsonencode of anything containing unknown is unknown).
    public static func call(
        _ name: String, _ arguments: [TerraformValue], context: any FunctionContext
    ) -> Result<TerraformValue, FunctionError>? {
        table[name]?.call(arguments, context: context)
    }

    /// Every function by name.
    static let table: [String: BuiltinFunction] = {
        let families = [
            collections, setsAndConversions, strings, formatting, regularExpressions, numbers, encodings,
            hashes, network, files, times,
        ]
        var table: [String: BuiltinFunction] = [:]
        for function in families.joined() {
            precondition(table[function.name] == nil, "function \(function.name) is declared twice")
            table[function.name] = function
        }
        return table
    }()
}
