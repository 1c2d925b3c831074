/// One of Terraform's built-in functions: its name, how many arguments it takes, how it treats
/// unknown arguments, and its implementation.
struct BuiltinFunction: Sendable {
    /// What an unknown argument does to the result before the implementation runs.
    enum UnknownHandling: Sendable {
        /// An argument that is unknown or holds an unknown anywhere inside makes the result unknown.
        case anywhere
        /// An argument that is itself unknown makes the result unknown; unknowns inside a known
        /// list or object reach the implementation, which keeps them where the result allows.
        case topLevel
        /// The implementation sees every unknown and decides.
        case byFunction
    }

    let name: String
    /// The smallest and largest number of arguments (`Int.max` for a variadic function).
    let arity: ClosedRange<Int>
    let unknowns: UnknownHandling
    /// The implementation; it throws only `FunctionError`s (closures cannot declare a typed
    /// throw where they are written, so the type is checked when the error is caught).
    let body: @Sendable (FunctionCall) throws -> TerraformValue

    init(
        _ name: String, arity: ClosedRange<Int>, unknowns: UnknownHandling = .anywhere,
        _ body: @escaping @Sendable (FunctionCall) throws -> TerraformValue
    ) {
        self.name = name
        self.arity = arity
        self.unknowns = unknowns
        self.body = body
    }

    init(
        _ name: String, arguments: Int, unknowns: UnknownHandling = .anywhere,
        _ body: @escaping @Sendable (FunctionCall) throws -> TerraformValue
    ) {
        self.init(name, arity: arguments...arguments, unknowns: unknowns, body)
    }

    /// Checks the argument count and the unknowns, then runs the implementation.
    func call(_ arguments: [TerraformValue], context: any FunctionContext) -> Result<TerraformValue, FunctionError> {
        guard arity.contains(arguments.count) else {
            return .failure(FunctionError("\(name): \(arityMessage(given: arguments.count))"))
        }
        switch unknowns {
        case .anywhere:
            if arguments.contains(where: \.containsUnknown) { return .success(.unknown) }
        case .topLevel:
            if arguments.contains(where: \.isUnknown) { return .success(.unknown) }
        case .byFunction:
            break
        }
        do {
            return .success(try body(FunctionCall(name: name, arguments: arguments, context: context)))
        } catch let error as FunctionError {
            return .failure(error)
        } catch {
            return .failure(FunctionError("\(name): \(error)"))
        }
    }

    private func arityMessage(given: Int) -> String {
        func count(_ number: Int) -> String { number == 1 ? "1 argument" : "\(number) arguments" }
        if arity.upperBound == Int.max { return "expected at least \(count(arity.lowerBound)), got \(given)" }
        if arity.lowerBound == arity.upperBound { return "expected \(count(arity.lowerBound)), got \(given)" }
        return "expected \(arity.lowerBound) to \(count(arity.upperBound)), got \(given)"
    }
}
