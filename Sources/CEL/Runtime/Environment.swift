/// What an expression may refer to: declared variables and the function libraries. Compile an
/// expression once against it; the resulting `Program` is immutable and `Sendable`, and can be
/// evaluated from any number of tasks at once.
public struct Environment: Sendable {
    /// Declared variables and their types (`dyn` when anything goes).
    public var variables: [String: CELType]
    /// Every function by name, with the overloads of all libraries merged.
    let functions: [String: [Overload]]
    /// When set, unknown identifiers are looked up at evaluation time instead of being compile
    /// errors (the conformance runner binds variables it has not declared).
    public var allowUndeclaredVariables = false
    /// When set, a call to an unknown function compiles to an evaluation error instead of a
    /// compile error (the behaviour of an unchecked expression; the conformance suite uses it).
    public var deferUnknownFunctions = false
    /// Expressions nested deeper than this are compile errors.
    public var maxNesting = 250
    /// The default evaluation budget (see `Program.evaluate`).
    public var costLimit = 1_000_000

    /// Library-defined type names (`net.IP`) and their types.
    let types: [String: CELType]
    /// The namespace names are resolved in: with `com.example`, `y` means `com.example.y` if
    /// that is declared, else `com.y`, else `y`. A leading dot (`.y`) resolves from the root.
    public var container = ""

    public init(variables: [String: CELType] = [:], libraries: [Library]) {
        self.variables = variables
        var table: [String: [Overload]] = [:]
        var types: [String: CELType] = [:]
        for library in libraries {
            for function in library.functions { table[function.name, default: []] += function.overloads }
            for name in library.typeNames { types[name] = .opaque(name) }
        }
        functions = table
        self.types = types
    }

    /// Names of every function the environment knows.
    public var functionNames: [String] { functions.keys.sorted() }

    /// Parses, expands macros and checks `source`.
    public func compile(_ source: String) throws(CompileError) -> Program {
        let parsed = try Parser.parse(source, maxDepth: maxNesting)
        var checker = Checker(environment: self, source: source)
        let root = try checker.check(parsed)
        return Program(source: source, root: root, slotCount: checker.slotCount, costLimit: costLimit)
    }
}

/// A compiled expression.
public struct Program: Sendable {
    public let source: String
    let root: Node
    let slotCount: Int
    public let costLimit: Int

    /// Evaluates with the given variable values. Returns the value, or the evaluation error as
    /// `.error` (never throws, never traps). `costLimit` overrides the environment's budget.
    public func evaluate(_ variables: [String: Value], costLimit: Int? = nil) -> Value {
        evaluateWithCost(variables, costLimit: costLimit).value
    }

    /// The result and the cost the evaluation used.
    public func evaluateWithCost(_ variables: [String: Value], costLimit: Int? = nil) -> (value: Value, cost: Int) {
        var interpreter = Interpreter(
            variables: variables, slotCount: slotCount, costLimit: costLimit ?? self.costLimit)
        let result = interpreter.evaluate(root)
        if interpreter.exhausted { return (.error(Interpreter.costError), interpreter.cost) }
        return (result, interpreter.cost)
    }
}
