/// What an expression may refer to: declared variables and the function libraries. Compile an
/// expression once against it; the resulting `Program` is immutable and `Sendable`, and can be
/// evaluated from any number of tasks at once.
public struct Environment: Sendable {
    /// Declared variables and their types (`dyn` when anything goes).
    public var variables: [String: CELType] {
        didSet { variableNames = variables.keys.sorted() }
    }
    /// The declared names in order: the layout of an `Activation` for this environment.
    public private(set) var variableNames: [String]
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
    /// Names whose values are known when compiling, such as a policy's variables that are
    /// literals: a reference to one compiles to its value, so that `s.matches(variables.pattern)`
    /// is compiled once and `x in variables.names` builds no list. A local variable of the same
    /// name still wins.
    public var constants: [String: Value] = [:]

    /// Library-defined type names (`net.IP`) and their types.
    let types: [String: CELType]
    /// The namespace names are resolved in: with `com.example`, `y` means `com.example.y` if
    /// that is declared, else `com.y`, else `y`. A leading dot (`.y`) resolves from the root.
    public var container = ""

    public init(variables: [String: CELType] = [:], libraries: [Library]) {
        self.variables = variables
        variableNames = variables.keys.sorted()
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
        return Program(
            source: source, root: root, slotCount: checker.slotCount, costLimit: costLimit,
            variableNames: variableNames)
    }

    /// An activation with this environment's layout and nothing bound yet.
    public func makeActivation() -> Activation { Activation(names: variableNames) }
}

/// The values of an environment's variables by position, for evaluating many programs over the
/// same values (a policy's expressions over one resource and its items): a program compiled in
/// the environment reads a variable by its place rather than by hashing its name.
public struct Activation: Sendable {
    /// The declared names, sorted: `Environment.variableNames`.
    public let names: [String]
    var values: [Value?]

    public init(names: [String]) {
        self.names = names
        values = Array(repeating: nil, count: names.count)
    }

    /// The place of a declared name, to set it repeatedly with `subscript(slot:)`.
    public func slot(of name: String) -> Int? { names.firstIndex(of: name) }

    public subscript(slot slot: Int) -> Value? {
        get { values[slot] }
        set { values[slot] = newValue }
    }

    /// A variable by name; setting an undeclared name does nothing.
    public subscript(name: String) -> Value? {
        get { slot(of: name).flatMap { values[$0] } }
        set { if let slot = slot(of: name) { values[slot] = newValue } }
    }

    /// The bound variables by name.
    var dictionary: [String: Value] {
        var result: [String: Value] = [:]
        for (index, name) in names.enumerated() { if let value = values[index] { result[name] = value } }
        return result
    }
}

/// A compiled expression.
public struct Program: Sendable {
    public let source: String
    let root: Node
    let slotCount: Int
    public let costLimit: Int
    /// The environment's declared names when the program was compiled (its variable slots).
    let variableNames: [String]

    /// The value of an expression that needs nothing at evaluation time (a literal), else `nil`.
    public var constantValue: Value? {
        if case .constant(let value) = root { return value }
        return nil
    }

    /// Evaluates with the given variable values. Returns the value, or the evaluation error as
    /// `.error` (never throws, never traps). `costLimit` overrides the environment's budget.
    public func evaluate(_ variables: [String: Value], costLimit: Int? = nil) -> Value {
        evaluateWithCost(variables, costLimit: costLimit).value
    }

    /// The result and the cost the evaluation used.
    public func evaluateWithCost(_ variables: [String: Value], costLimit: Int? = nil) -> (value: Value, cost: Int) {
        run(.names(variables), costLimit: costLimit ?? self.costLimit)
    }

    /// Whether the program reads its variables by the slots of `activation` (it was compiled in
    /// the environment that made it).
    public func hasLayout(of activation: Activation) -> Bool { activation.names == variableNames }

    /// Evaluates with the values of an activation made by the environment the program was
    /// compiled in (one of another layout is read by name).
    public func evaluate(_ activation: Activation, costLimit: Int? = nil) -> Value {
        let limit = costLimit ?? self.costLimit
        if activation.names == variableNames { return run(.slots(activation.values), costLimit: limit).value }
        return run(.names(activation.dictionary), costLimit: limit).value
    }

    private func run(_ bindings: Interpreter.Bindings, costLimit: Int) -> (value: Value, cost: Int) {
        // The frame's local slots live on the stack: most evaluations then allocate nothing.
        withUnsafeTemporaryAllocation(of: Value.self, capacity: max(1, slotCount)) { locals in
            locals.initialize(repeating: .null)
            defer { locals.deinitialize() }
            var interpreter = Interpreter(bindings: bindings, locals: locals, costLimit: costLimit)
            let result = interpreter.evaluate(root)
            if interpreter.exhausted { return (.error(Interpreter.costError), interpreter.cost) }
            return (result, interpreter.cost)
        }
    }
}
