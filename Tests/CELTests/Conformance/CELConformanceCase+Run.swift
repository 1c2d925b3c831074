import CEL

/// What running one conformance test gave.
enum CELConformanceOutcome: Sendable {
    case passed(CELConformanceNote?)
    case skipped(CELConformanceSkip)
    /// What disagreed, already formatted for an issue.
    case failed(String)
}

/// A pass worth counting apart, so the summary shows how strict the comparison was.
enum CELConformanceNote: String, CaseIterable, Sendable {
    case errorAtCompileTime =
        "an expected error that the compiler reported (the reference reports some at check time)"
    case equalAcrossNumericKinds =
        "a value equal under CEL's == but of another numeric kind (1 for 1u, 2.0 for 2)"
}

extension CELConformanceCase {
    /// Every library Palisade's CEL has, as policies get them.
    static let environment: Environment = {
        var environment = Environment(
            libraries: Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries)
        environment.allowUndeclaredVariables = false
        return environment
    }()

    /// Runs the test as cel-spec describes it, with these choices:
    ///
    /// - every bound name is declared as a `dyn` variable, and nothing else is declared, so a
    ///   reference to anything unbound is a real compile error; except with `disable_check`,
    ///   where the reference resolves variables and functions only at evaluation, and so does
    ///   Palisade (`allowUndeclaredVariables`, `deferUnknownFunctions`): `x || true` with `x`
    ///   unbound is `true`;
    /// - `container` becomes the environment's container;
    /// - `{"value": V}` must give V: CEL equality with map entries in any order, an expected
    ///   NaN matching any NaN, and type values compared by name;
    /// - `{"error": "..."}` passes on any evaluation error (the message is the reference's
    ///   wording and only a hint) and on a compile error, because the reference reports some
    ///   errors from its checker (`is_ip_cidr_compile_error`, for one);
    func run() -> CELConformanceOutcome {
        if let reason = skipReason() { return .skipped(reason) }
        var variables: [String: Value] = [:]
        for binding in bindings {
            do {
                variables[binding.name] = try CELConformanceValue.decode(binding.value)
            } catch {
                return .failed(report("cannot read the binding of \(binding.name): \(error)"))
            }
        }
        let expectation: Expectation
        do {
            expectation = try Expectation(expected)
        } catch {
            return .failed(report("\(error)"))
        }

        var environment = Self.environment
        environment.variables = variables.mapValues { _ in .dyn }
        environment.allowUndeclaredVariables = disableCheck
        environment.deferUnknownFunctions = disableCheck
        environment.container = container ?? ""
        let program: Program
        do {
            program = try environment.compile(expression)
        } catch {
            if case .error = expectation { return .passed(.errorAtCompileTime) }
            return .failed(report("did not compile", details: ["  error:    " + indented(error.description)]))
        }
        let result = program.evaluate(variables)

        switch expectation {
        case .error(let message):
            if case .error = result { return .passed(nil) }
            return .failed(
                report("expected an error", details: ["  expected: error: \(message)", "  got:      \(result)"]))
        case .value(let wanted):
            switch CELConformanceValue.compare(expected: wanted, actual: result) {
            case .same: return .passed(nil)
            case .equalAcrossNumericKinds: return .passed(.equalAcrossNumericKinds)
            case .different:
                return .failed(report("wrong result", details: ["  expected: \(wanted)", "  got:      \(result)"]))
            }
        }
    }

    /// The expectation forms the runner runs.
    enum Expectation {
        case value(Value)
        case error(String)

        init(_ expected: Value) throws {
            if let value = expected[field: "value"] {
                self = .value(try CELConformanceValue.decode(value))
            } else if let message = expected[field: "error"]?.stringValue {
                self = .error(message)
            } else {
                throw CELConformanceCase.DataError(description: "no runner for the expectation \(expected)")
            }
        }
    }

    /// A failure message naming everything needed to reproduce the test.
    func report(_ what: String, details: [String] = []) -> String {
        var lines = ["\(fullName): \(what)", "  expr:     \(expression)"]
        if !bindings.isEmpty {
            let shown = bindings.map { binding in
                let value = (try? CELConformanceValue.decode(binding.value)).map { "\($0)" } ?? "\(binding.value)"
                return "\(binding.name) = \(value)"
            }
            lines.append("  bindings: " + shown.joined(separator: ", "))
        }
        if let container { lines.append("  container: \(container)") }
        return (lines + details).joined(separator: "\n")
    }

    private func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n            ")
    }
}
