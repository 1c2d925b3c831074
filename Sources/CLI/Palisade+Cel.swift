import ArgumentParser
import CEL

extension Palisade {
    /// `palisade cel`: tools for the expression language of policies.
    struct CelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cel",
            abstract: "Try CEL expressions, the language policies are written in.",
            subcommands: [EvalCommand.self]
        )
    }
}

extension Palisade.CelCommand {
    /// `palisade cel eval`: compile and evaluate one expression against variables from JSON or YAML.
    struct EvalCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Evaluate a CEL expression with variables read from JSON or YAML.",
            discussion: """
                The expression is compiled with every library policies have (the standard \
                library, strings, math, encoders, lists, sets, optionals, regex, IP and CIDR, \
                URLs, quantities) and evaluated once.

                Variables: --input binds each top-level key of the object in FILE as a variable; \
                --var NAME=JSON binds one more, and wins over a key of the same name in FILE. \
                Every variable has type dyn, and a name the expression uses that is not bound is \
                a compile error. JSON and YAML integers become CEL ints (one too large for an int \
                becomes a double), other numbers doubles. FILE is read as YAML when its name ends \
                in .yaml or .yml, as JSON when it ends in .json; otherwise, and for '-' (standard \
                input), as JSON when it starts with '{' and YAML when not. YAML follows the 1.2 \
                core schema: yes, no, on and off stay strings, and timestamps stay strings.

                Output: the result as a CEL literal on one line, then 'type: ' and its type on a \
                second line, for example '[1, 2]' and 'type: list(int)'. With --output json, one \
                line of tagged JSON instead, the encoding of the CEL conformance data, which keeps \
                ints, uints and doubles apart: {"int": "1"}, {"uint": "1"}, {"double": 1.5}, \
                {"list": [...]}, {"map": [[KEY, VALUE], ...]}, {"bytes_b64": "..."}, \
                {"timestamp": "..."}, {"duration": "..."}, {"type": "int"}, {"optional": VALUE \
                or null}.

                Errors go to standard error as <expr>:LINE:COLUMN: error: MESSAGE, followed by \
                the expression's line and a caret under the column.

                Exit status: 0 when the expression gives a value (false included), 1 when its \
                evaluation fails, 2 when it does not compile or an input or option cannot be used.
                """
        )

        @Argument(help: "The CEL expression to evaluate.")
        var expression: String

        @Option(
            name: .customLong("var"),
            help: ArgumentHelp(
                "Bind variable NAME to a JSON value, e.g. --var 'replicas=3' or --var 'name=\"web\"'. Repeatable.",
                valueName: "NAME=JSON"))
        var variables: [String] = []

        @Option(
            name: .customLong("input"),
            help: ArgumentHelp(
                "A JSON or YAML file holding an object; each top-level key becomes a variable. '-' reads standard input.",
                valueName: "FILE"))
        var input: String?

        @Option(
            name: .customLong("cost-limit"),
            help: ArgumentHelp(
                "The evaluation budget, in steps (about one per operation and per element built); an evaluation that needs more fails. Default: \(Environment(libraries: []).costLimit).",
                valueName: "N"))
        var costLimit: Int?

        @Option(name: .customLong("output"), help: ArgumentHelp("How to print the result.", valueName: "format"))
        var output: OutputFormat = .text

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        func run() throws {
            let bindings: [String: Value]
            do {
                bindings = try readVariables()
            } catch let error as CelInput.InputError {
                printError(error.description)
                throw ExitCode(2)
            } catch {
                printError("palisade cel eval: error: \(error)")
                throw ExitCode(2)
            }
            if let costLimit, costLimit < 1 {
                printError("palisade cel eval: error: --cost-limit must be at least 1, got \(costLimit)")
                throw ExitCode(2)
            }

            var environment = Environment(
                variables: bindings.mapValues { _ in .dyn },
                libraries: Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries)
            environment.allowUndeclaredVariables = false
            let program: Program
            do {
                program = try environment.compile(expression)
            } catch {
                printError("<expr>:\(error.line):\(error.column): error: \(error.message)")
                printError(error.caretExcerpt)
                throw ExitCode(2)
            }

            let result = program.evaluate(bindings, costLimit: costLimit)
            if case .error(let failure) = result {
                if let offset = failure.offset {
                    let place = SourcePosition(source: expression, offset: offset)
                    printError("<expr>:\(place.line):\(place.column): error: \(failure.message)")
                    printError(place.caretExcerpt)
                } else {
                    printError("<expr>: error: \(failure.message)")
                }
                throw ExitCode(1)
            }
            var out = OutputBuffer()
            switch output {
            case .text:
                out.write(result.description + "\n")
                out.write("type: \(CelValueFormat.type(of: result))\n")
            case .json:
                out.write(CelValueFormat.taggedJSON(result) + "\n")
            }
            out.flush()
        }

        /// The variables from --input, then from each --var in order.
        private func readVariables() throws -> [String: Value] {
            var bindings: [String: Value] = [:]
            if let input {
                bindings = try CelInput.variables(fromFile: input)
            }
            for assignment in variables {
                let (name, value) = try CelInput.variable(fromAssignment: assignment)
                bindings[name] = value
            }
            return bindings
        }
    }
}
