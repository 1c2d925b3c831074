extension Functions {
    /// `format` and `formatlist`, over the specification language in `FormatSpecification`.
    static let formatting: [BuiltinFunction] = [
        BuiltinFunction("format", arity: 1...Int.max) { call in
            let specification = try call.string(0)
            switch FormatSpecification.apply(specification, to: Array(call.arguments.dropFirst())) {
            case .success(let text): return .string(text)
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("formatlist", arity: 1...Int.max, unknowns: .byFunction) { call in
            if call[0].isUnknown { return .unknown }
            let specification = try call.string(0)
            let values = Array(call.arguments.dropFirst())
            // Lists are walked in step; other arguments repeat in every iteration.
            var length: Int?
            var lengthArgument = 0
            for (index, value) in values.enumerated() {
                switch value {
                case .unknown: return .unknown
                case .list(let items):
                    if let length, length != items.count {
                        throw call.error(
                            "argument \(index + 2) has length \(items.count), "
                                + "which is inconsistent with argument \(lengthArgument + 2) of length \(length)")
                    }
                    length = items.count
                    lengthArgument = index
                default: continue
                }
            }
            var results: [TerraformValue] = []
            for iteration in 0..<(length ?? 1) {
                let arguments = values.map { value -> TerraformValue in
                    if case .list(let items) = value { return items[iteration] }
                    return value
                }
                if arguments.contains(where: \.containsUnknown) {
                    results.append(.unknown)
                    continue
                }
                switch FormatSpecification.apply(specification, to: arguments) {
                case .success(let text): results.append(.string(text))
                case .failure(let error): throw call.error("iteration \(iteration): \(error.message)")
                }
            }
            return .list(results)
        },
    ]
}
