import LinearRegex

extension Functions {
    /// `regex` and `regexall`, with RE2 syntax as Terraform has it, run by `LinearRegex` in time
    /// linear in the searched text. (`replace` with a `/pattern/` also comes here.)
    static let regularExpressions: [BuiltinFunction] = [
        BuiltinFunction("regex", arguments: 2) { call in
            let expression = try compile(call, try call.string(0))
            let text = try call.string(1)
            let bytes = Array(text.utf8)
            guard let match = expression.firstMatch(in: bytes) else {
                throw call.error("the pattern did not match any part of the given string")
            }
            return try captures(call, expression, match, bytes)
        },
        BuiltinFunction("regexall", arguments: 2) { call in
            let expression = try compile(call, try call.string(0))
            let bytes = Array(try call.string(1).utf8)
            var results: [TerraformValue] = []
            for match in expression.matches(in: bytes, limit: maximumElements) {
                results.append(try captures(call, expression, match, bytes))
            }
            return .list(results)
        },
    ]

    static func compile(_ call: FunctionCall, _ pattern: String) throws(FunctionError) -> RegularExpression {
        do {
            return try RegularExpression(pattern)
        } catch {
            throw call.error("invalid regular expression \"\(pattern)\": \(error.reason) at offset \(error.offset)")
        }
    }

    /// What one match gives: the matched text without groups, a list of the groups when none is
    /// named, an object of the groups when all are named (a group that took no part is null).
    private static func captures(
        _ call: FunctionCall, _ expression: RegularExpression, _ match: RegexMatch, _ bytes: [UInt8]
    ) throws(FunctionError) -> TerraformValue {
        func text(_ range: Range<Int>?) -> TerraformValue {
            guard let range else { return .null }
            return .string(String(decoding: bytes[range], as: UTF8.self))
        }
        let names = expression.captureNames.dropFirst()
        if names.isEmpty { return text(match.range) }
        if names.allSatisfy({ $0 == nil }) {
            return .list((1...names.count).map { text(match[$0]) })
        }
        guard names.allSatisfy({ $0 != nil }) else {
            throw call.error("the pattern mixes named and unnamed capture groups")
        }
        var entries: [(String, TerraformValue)] = []
        for (offset, name) in names.enumerated() {
            if let name { entries.append((name, text(match[offset + 1]))) }
        }
        return .object(entries)
    }

    /// `replace` with a pattern: every match replaced by `template`, in which `$1`, `${1}`,
    /// `$name` and `${name}` stand for groups and `$$` for a dollar sign, as in Go.
    static func regexReplace(
        _ call: FunctionCall, _ text: String, pattern: String, template: String
    ) throws(FunctionError) -> String {
        let expression = try compile(call, pattern)
        let bytes = Array(text.utf8)
        let templateBytes = Array(template.utf8)
        var output: [UInt8] = []
        var copied = 0
        var failure: FunctionError?
        bytes.withUnsafeBufferPointer { buffer in
            expression.forEachMatch(in: buffer) { match in
                output += bytes[copied..<match.range.lowerBound]
                expand(templateBytes, expression, match, bytes, into: &output)
                copied = match.range.upperBound
                if output.count > maximumStringBytes {
                    failure = call.error("the result would be longer than \(maximumStringBytes) bytes")
                    return false
                }
                return true
            }
        }
        if let failure { throw failure }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    private static func expand(
        _ template: [UInt8], _ expression: RegularExpression, _ match: RegexMatch, _ bytes: [UInt8],
        into output: inout [UInt8]
    ) {
        func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        var index = 0
        while index < template.count {
            let byte = template[index]
            guard byte == UInt8(ascii: "$"), index + 1 < template.count else {
                output.append(byte)
                index += 1
                continue
            }
            var cursor = index + 1
            var name: [UInt8] = []
            if template[cursor] == UInt8(ascii: "$") {
                output.append(byte)
                index += 2
                continue
            } else if template[cursor] == UInt8(ascii: "{") {
                cursor += 1
                while cursor < template.count, isNameByte(template[cursor]) {
                    name.append(template[cursor])
                    cursor += 1
                }
                guard cursor < template.count, template[cursor] == UInt8(ascii: "}"), !name.isEmpty else {
                    output.append(byte)
                    index += 1
                    continue
                }
                cursor += 1
            } else {
                while cursor < template.count, isNameByte(template[cursor]) {
                    name.append(template[cursor])
                    cursor += 1
                }
                guard !name.isEmpty else {
                    output.append(byte)
                    index += 1
                    continue
                }
            }
            index = cursor
            let key = String(decoding: name, as: UTF8.self)
            let group: Int?
            if name.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                group = Int(key)
            } else {
                group = expression.index(ofGroupNamed: key)
            }
            if let group, let range = match[group] { output += bytes[range] }
        }
    }
}
