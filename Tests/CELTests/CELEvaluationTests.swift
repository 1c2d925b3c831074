import Testing

@testable import CEL

/// Evaluation semantics the policies rely on, beyond the conformance suite: error absorption,
/// macros over documents, the cost budget and concurrent use of one program.
struct CELEvaluationTests {
    static let libraries = Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries

    static func evaluate(_ source: String, _ variables: [String: Value] = [:]) throws -> Value {
        var declarations: [String: CELType] = [:]
        for name in variables.keys { declarations[name] = .dyn }
        return try Environment(variables: declarations, libraries: libraries).compile(source).evaluate(variables)
    }

    static let pod = try! Value(
        json: """
            {"metadata": {"name": "web", "labels": {"app": "web"}},
             "spec": {"containers": [
                {"name": "app", "image": "registry.example.com/app:1.2", "securityContext": {"privileged": false}},
                {"name": "sidecar", "image": "busybox:latest", "securityContext": {"privileged": true}},
                {"name": "init", "image": "alpine@sha256:abc"}]}}
            """)

    @Test func logicalOperatorsAbsorbErrorsCommutatively() throws {
        #expect(try Self.evaluate("1/0 == 1 && false").celEquals(.bool(false)))
        #expect(try Self.evaluate("false && 1/0 == 1").celEquals(.bool(false)))
        #expect(try Self.evaluate("1/0 == 1 || true").celEquals(.bool(true)))
        #expect(try Self.evaluate("true || 1/0 == 1").celEquals(.bool(true)))
        #expect(try Self.evaluate("1/0 == 1 && true").isError)
        #expect(try Self.evaluate("true ? 1 : 1/0").celEquals(.int(1)))
    }

    @Test func macrosOverADocument() throws {
        let vars = ["object": Self.pod]
        #expect(
            try Self.evaluate("object.spec.containers.all(c, has(c.securityContext))", vars).celEquals(.bool(false)))
        #expect(
            try Self.evaluate(
                "object.spec.containers.filter(c, has(c.securityContext) && c.securityContext.privileged).map(c, c.name)",
                vars
            ).celEquals(.list([.string("sidecar")])))
        #expect(
            try Self.evaluate("object.spec.containers.exists_one(c, c.name == 'init')", vars).celEquals(.bool(true)))
        #expect(
            try Self.evaluate("object.spec.containers.map(c, c.name != '', c.name.size())", vars).celEquals(
                .list([.int(3), .int(7), .int(4)])))
        #expect(try Self.evaluate("cel.bind(n, object.metadata.name, n + n)", vars).celEquals(.string("webweb")))
        #expect(try Self.evaluate("object.metadata.?labels.app.orValue('none')", vars).celEquals(.string("web")))
        #expect(try Self.evaluate("object.metadata.?annotations.team.orValue('none')", vars).celEquals(.string("none")))
        #expect(try Self.evaluate("object.spec.containers[1].name", vars).celEquals(.string("sidecar")))
        #expect(try Self.evaluate("object.spec.containers[5].name", vars).isError)
    }

    @Test func twoVariableComprehensions() throws {
        #expect(try Self.evaluate("[10, 20].all(i, v, v == (i + 1) * 10)").celEquals(.bool(true)))
        #expect(try Self.evaluate("{'a': 1, 'b': 2}.exists(k, v, k == 'b' && v == 2)").celEquals(.bool(true)))
        #expect(try Self.evaluate("[1, 2].transformList(i, v, v * 10 + i)").celEquals(.list([.int(10), .int(21)])))
    }

    @Test func nestedComprehensionsStopAtTheCostLimit() throws {
        let program = try Environment(variables: ["xs": .dyn], libraries: Self.libraries)
            .compile("xs.all(a, xs.all(b, xs.all(c, a + b + c >= 0)))")
        let xs = Value.list((0..<1000).map { .int(Int64($0)) })
        let (value, cost) = program.evaluateWithCost(["xs": xs], costLimit: 100_000)
        guard case .error(let error) = value else {
            Issue.record("expected the cost limit to stop evaluation, got \(value)")
            return
        }
        #expect(error.message == "cost limit exceeded")
        #expect(cost <= 100_100)
    }

    @Test func errorsInsideConditionsDoNotHideTheCostLimit() throws {
        let program = try Environment(variables: ["xs": .dyn], libraries: Self.libraries)
            .compile("xs.all(a, xs.all(b, true)) || true")
        let xs = Value.list((0..<2000).map { .int(Int64($0)) })
        guard case .error(let error) = program.evaluate(["xs": xs], costLimit: 10_000) else {
            Issue.record("the cost error must not be absorbed by ||")
            return
        }
        #expect(error.message == "cost limit exceeded")
    }

    @Test func mapAndFilterAreLinearInTheListSize() throws {
        let program = try Environment(variables: ["xs": .dyn], libraries: Self.libraries)
            .compile("xs.map(x, x * 2).filter(x, x % 3 == 0).size()")
        let xs = Value.list((0..<200_000).map { .int(Int64($0)) })
        let clock = ContinuousClock()
        var result = Value.null
        let elapsed = clock.measure { result = program.evaluate(["xs": xs], costLimit: 10_000_000) }
        #expect(result.celEquals(.int(66_667)))
        // A quadratic accumulator would take minutes here.
        #expect(elapsed < .seconds(20))
    }

    @Test func oneProgramEvaluatesConcurrently() async throws {
        let program = try Environment(variables: ["object": .dyn], libraries: Self.libraries)
            .compile("object.spec.containers.filter(c, c.image.endsWith(':latest')).size()")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 {
                group.addTask { program.evaluate(["object": Self.pod]).celEquals(.int(1)) }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}

extension CELEvaluationTests {
    @Test func stringSearchesStayLinearOnHostileInput() throws {
        let text = Value.string(String(repeating: "a", count: 200_000))
        let pattern = Value.string(String(repeating: "a", count: 100_000) + "b")
        let environment = Environment(variables: ["t": .dyn, "p": .dyn], libraries: Self.libraries)
        let searches = try environment.compile("t.contains(p) || t.indexOf(p) >= 0 || t.lastIndexOf(p) >= 0")
        let rewrites = try environment.compile("t.split(p).size() == 1 && t.replace(p, 'x') == t")
        var found = Value.null
        var unchanged = Value.null
        let elapsed = ContinuousClock().measure {
            found = searches.evaluate(["t": text, "p": pattern])
            unchanged = rewrites.evaluate(["t": text, "p": pattern])
        }
        #expect(found.celEquals(.bool(false)))
        #expect(unchanged.celEquals(.bool(true)))
        // Naive search would compare about 10^10 characters here.
        #expect(elapsed < .seconds(20))
    }

    @Test func replaceThatWouldFillMemoryIsAnError() throws {
        let s = Value.string(String(repeating: "a", count: 50_000))
        guard case .error(let error) = try Self.evaluate("s.replace('a', s).size()", ["s": s]) else {
            Issue.record("a 2.5-billion-character result must be refused")
            return
        }
        #expect(error.message.hasPrefix("replace: the result would exceed"))
    }
}

/// Programs evaluated many times over the same variables: activations read by slot, names known
/// when compiling, and literals built once.
struct CELActivationTests {
    static let environment = Environment(
        variables: ["object": .dyn, "item": .dyn, "variables": .dyn], libraries: Library.standardLibraries)

    @Test func anActivationBindsVariablesBySlot() throws {
        let program = try Self.environment.compile("item.name + '/' + object.kind")
        var activation = Self.environment.makeActivation()
        activation["object"] = .map(MapValue(entries: [(.string("kind"), .string("Pod"))]) ?? MapValue())
        #expect(program.hasLayout(of: activation))
        for name in ["web", "db"] {
            activation["item"] = .map(MapValue(entries: [(.string("name"), .string(name))]) ?? MapValue())
            #expect(program.evaluate(activation).celEquals(.string("\(name)/Pod")))
        }
    }

    @Test func anUnboundVariableIsAnErrorAndALocalShadowsNothingBound() throws {
        let activation = Self.environment.makeActivation()
        let unbound = try Self.environment.compile("item.name").evaluate(activation)
        guard case .error(let error) = unbound else {
            Issue.record("expected an error, got \(unbound)")
            return
        }
        #expect(error.message.contains("'item' is not bound"))
        #expect(
            try Self.environment.compile("[1, 2].exists(item, item == 2)").evaluate(activation).celEquals(.bool(true)))
    }

    @Test func anActivationOfAnotherLayoutIsReadByName() throws {
        let other = Environment(variables: ["item": .dyn], libraries: Library.standardLibraries)
        let program = try other.compile("item * 2")
        var activation = Self.environment.makeActivation()
        activation["item"] = .int(21)
        #expect(!program.hasLayout(of: activation))
        #expect(program.evaluate(activation).celEquals(.int(42)))
    }

    @Test func aConstantNameCompilesToItsValue() throws {
        var environment = Self.environment
        environment.constants["variables.pattern"] = .string("^v[0-9]+$")
        environment.constants["variables.names"] = .list([.string("a"), .string("b")])
        let program = try environment.compile("item.matches(variables.pattern) && !(item in variables.names)")
        #expect(program.evaluate(["item": .string("v12")]).celEquals(.bool(true)))
        #expect(program.evaluate(["item": .string("x")]).celEquals(.bool(false)))
        // A comprehension variable of the same name as the root wins over the constant.
        let shadowed = try environment.compile("[{'pattern': 'x'}].all(variables, variables.pattern == 'x')")
        #expect(shadowed.evaluate([:]).celEquals(.bool(true)))
        // A bad constant pattern is a compile error, as a bad literal is.
        environment.constants["variables.bad"] = .string("(")
        #expect(throws: CompileError.self) { try environment.compile("item.matches(variables.bad)") }
    }

    /// A copy for another core evaluates alike and holds its constants in storage of its own.
    @Test func anIndependentCopyEvaluatesAlikeAndSharesNoConstants() throws {
        let program = try Self.environment.compile(
            "item.matches('^[a-z]+$') && item in ['a long enough name to live on the heap', 'web']"
                + " && {'k': [1, 2]}.k.size() == 2")
        let copy = program.independentCopy()
        for item in ["web", "db", "Web"] {
            #expect(copy.evaluate(["item": .string(item)]).celEquals(program.evaluate(["item": .string(item)])))
        }
        guard case .and(let left, _, _) = program.root,
            case .and(_, .membership(_, .constant(.list(let original)), _), _) = left,
            case .and(let copyLeft, _, _) = copy.root,
            case .and(_, .membership(_, .constant(.list(let copied)), _), _) = copyLeft,
            case .string(let originalText) = original[0], case .string(let copiedText) = copied[0]
        else {
            Issue.record("unexpected shape: \(program.root)")
            return
        }
        #expect(originalText == copiedText)
        let originalAddress = originalText.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        let copiedAddress = copiedText.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        #expect(originalAddress != nil && originalAddress != copiedAddress)
    }

    @Test func literalsOfConstantsAreBuiltWhenCompilingAndBadOnesStillFail() throws {
        let literal = try Self.environment.compile("{'a': [1, 2], 'b': {'c': true}}")
        #expect(literal.constantValue != nil)
        #expect(literal.evaluate([:]).celEquals(try Value(json: #"{"a": [1, 2], "b": {"c": true}}"#)))
        let repeated = try Self.environment.compile("{'a': 1, 'a': 2}")
        #expect(repeated.constantValue == nil)
        #expect(repeated.evaluate([:]).isError)
        let dynamic = try Self.environment.compile("{'a': item}")
        #expect(dynamic.constantValue == nil)
        #expect(dynamic.evaluate(["item": .int(1)]).celEquals(try Value(json: #"{"a": 1}"#)))
    }

    /// `contains`, `startsWith` and `endsWith` compare code units in the strings' own bytes:
    /// small and large strings, empty and one-byte needles, and text that is equal only under
    /// Unicode canonical equivalence (which CEL does not apply).
    @Test func stringPredicatesCompareBytes() throws {
        let long = String(repeating: "ab", count: 40) + "café"
        let cases: [(String, Bool)] = [
            ("'registry/app:latest'.contains(':latest')", true), ("'app'.contains('')", true),
            ("''.contains('a')", false), ("'a'.contains('ab')", false), ("'xyz'.contains('z')", true),
            ("'\(long)'.contains('bab')", true), ("'\(long)'.contains('café')", true),
            ("'\(long)'.contains('cafe\\u0301')", false), ("'aaab'.contains('aab')", true),
            ("'-y'.startsWith('-')", true), ("'y'.startsWith('')", true), ("''.startsWith('-')", false),
            ("'\(long)'.startsWith('abab')", true), ("'\(long)'.startsWith('ba')", false),
            ("'image.tar'.endsWith('.tar')", true), ("'tar'.endsWith('.tar')", false),
            ("'\(long)'.endsWith('é')", true), ("'\(long)'.endsWith('e\\u0301')", false), ("'x'.endsWith('')", true),
        ]
        for (expression, expected) in cases {
            #expect(try CELEvaluationTests.evaluate(expression).celEquals(.bool(expected)), "\(expression)")
        }
    }

    /// Field selection compares a key's length and first sixteen bytes before the key itself:
    /// names that share those, differ only after them, or are empty are told apart all the same.
    @Test func fieldsAreFoundByTheirWholeName() throws {
        let names = [
            "", "a", "image", "imagePullPolicy", "allowPrivilegeEscalation", "allowPrivilegeEscalationX",
            "allowPrivilegeEscalationY", "allowPrivilegeEsc", "0123456789abcdef", "0123456789abcdeg",
            "é", "e\u{301}",
        ]
        var map = MapValue()
        for (position, name) in names.enumerated() { map.set(.string(name), .int(Int64(position))) }
        map.set(.int(7), .string("not a field"))
        for (position, name) in names.enumerated() {
            #expect(map.value(forField: name)?.celEquals(.int(Int64(position))) == true, "\(name)")
            // The same through an expression (`object.name`, `has()`), for names that are identifiers.
            if let first = name.first, first.isASCII, first.isLetter,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                #expect(
                    try CELEvaluationTests.evaluate("object.\(name)", ["object": .map(map)]).celEquals(
                        .int(Int64(position))))
                #expect(
                    try CELEvaluationTests.evaluate("has(object.\(name))", ["object": .map(map)]).celEquals(.bool(true))
                )
            }
        }
        for absent in ["allowPrivilegeEscalationZ", "allowPrivilegeEscalatio", "b", "0123456789abcdefg"] {
            #expect(map.value(forField: absent) == nil, "\(absent)")
        }
        #expect(
            try CELEvaluationTests.evaluate("has(object.allowPrivilegeEscalationZ)", ["object": .map(map)]).celEquals(
                .bool(false)))
        // A map large enough to be hashed finds the same.
        var large = MapValue()
        for index in 0..<100 { large.set(.string("allowPrivilegeEscalation\(index)"), .int(Int64(index))) }
        #expect(large.value(forField: "allowPrivilegeEscalation42")?.celEquals(.int(42)) == true)
        #expect(large.value(forField: "allowPrivilegeEscalation100") == nil)
    }

    /// Map literals with constant keys are built from a layout made when compiled: the same map
    /// as one built key by key, in the written order, and the same errors.
    @Test func mapLiteralsWithConstantKeys() throws {
        let vars: [String: Value] = ["x": .string("a long value that lives outside the string"), "n": .int(2)]
        let made = try CELEvaluationTests.evaluate(
            "{'tool': x, 'packages': [x, 'b'], 'count': n + 1, 7: 'seven', true: n}", vars)
        guard case .map(let map) = made else {
            Issue.record("not a map: \(made)")
            return
        }
        #expect(map.keys == [.string("tool"), .string("packages"), .string("count"), .int(7), .bool(true)])
        #expect(map.value(forField: "count")?.celEquals(.int(3)) == true)
        #expect(map[.int(7)]?.celEquals(.string("seven")) == true)
        #expect(
            try CELEvaluationTests.evaluate("{'a': x, 'b': n}.b == 2 && has({'a': x}.a) && !has({'a': x}.b)", vars)
                .celEquals(
                    .bool(true)))
        #expect(try CELEvaluationTests.evaluate("{'a': n, 'b': n}.size() + {'c': x}.size()", vars).celEquals(.int(3)))
        // A value that fails is the result; so is a repeated key, however it is spelt.
        #expect(try CELEvaluationTests.evaluate("{'a': n, 'b': 1 / 0}", vars).isError)
        #expect(try CELEvaluationTests.evaluate("{'a': n, 'a': x}", vars).isError)
        #expect(try CELEvaluationTests.evaluate("{1: n, 1u: x}", vars).isError)
        #expect(try CELEvaluationTests.evaluate("{1.5: n}", vars).isError)
        // Past the size searched key by key, look-ups go through the layout's index.
        let fields = (0..<40).map { "'field\($0)': n + \($0)" }.joined(separator: ", ")
        #expect(
            try CELEvaluationTests.evaluate("{\(fields)}.field39 == 41 && !has({\(fields)}.field40)", vars).celEquals(
                .bool(true)))
        #expect(try CELEvaluationTests.evaluate("{\(fields)}.size()", vars).celEquals(.int(40)))
    }
}
