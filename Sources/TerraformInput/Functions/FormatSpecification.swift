/// Terraform's `format` specification language: `%` verbs with flags, width, precision and an
/// explicit argument index, applied to a list of values.
///
/// Widths and precisions count characters (grapheme clusters); both are capped at
/// `maximumWidth` so that a hostile specification cannot ask for gigabytes of padding.
enum FormatSpecification {
    /// The largest width or precision accepted.
    static let maximumWidth = 10_000

    /// One `%` sequence as written.
    private struct Verb {
        var raw = "%"
        var offset = 0
        var argument = 0
        var mode: Character = "v"
        var zero = false
        var sharp = false
        var plus = false
        var minus = false
        var space = false
        var width: Int?
        var precision: Int?
    }

    /// The specification applied to `arguments`; the error is a message without the function name.
    static func apply(_ specification: String, to arguments: [TerraformValue]) -> Result<String, FunctionError> {
        var output = ""
        let scalars = Array(specification.unicodeScalars)
        var index = 0
        var nextArgument = 0
        var usedArguments = 0
        var sawVerb = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            var verb = Verb()
            verb.offset = index
            index += 1
            func take() -> Unicode.Scalar? {
                guard index < scalars.count else { return nil }
                verb.raw.unicodeScalars.append(scalars[index])
                index += 1
                return scalars[index - 1]
            }
            func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
            func readNumber() -> Int? {
                var value: Int?
                while let next = peek(), ("0"..."9").contains(next) {
                    let digit = Int(next.value) - 48
                    _ = take()
                    value = min((value ?? 0) * 10 + digit, maximumWidth + 1)
                }
                return value
            }
            if peek() == "%" {
                _ = take()
                output.append("%")
                continue
            }
            flags: while let next = peek() {
                switch next {
                case " ": verb.space = true
                case "+": verb.plus = true
                case "-": verb.minus = true
                case "0": verb.zero = true
                case "#": verb.sharp = true
                default: break flags
                }
                _ = take()
            }
            verb.width = readNumber()
            if peek() == "." {
                _ = take()
                guard let precision = readNumber() else {
                    return .failure(
                        FunctionError("missing precision after \".\" in \"\(verb.raw)\" at offset \(verb.offset)"))
                }
                verb.precision = precision
            }
            if peek() == "[" {
                _ = take()
                guard let position = readNumber(), position >= 1, take() == "]" else {
                    return .failure(FunctionError("invalid argument index in \"\(verb.raw)\" at offset \(verb.offset)"))
                }
                nextArgument = position - 1
            }
            guard let mode = take() else {
                return .failure(FunctionError("unterminated format verb \"\(verb.raw)\" at offset \(verb.offset)"))
            }
            if (verb.width ?? 0) > maximumWidth || (verb.precision ?? 0) > maximumWidth {
                return .failure(
                    FunctionError("width or precision in \"\(verb.raw)\" is larger than \(maximumWidth)"))
            }
            verb.mode = Character(mode)
            verb.argument = nextArgument
            nextArgument += 1
            sawVerb = true
            guard verb.argument < arguments.count else {
                return .failure(
                    FunctionError(
                        "not enough arguments for \"\(verb.raw)\" at offset \(verb.offset): "
                            + "it needs argument \(verb.argument + 1) but \(arguments.count) were given"))
            }
            usedArguments = max(usedArguments, verb.argument + 1)
            switch append(verb, arguments[verb.argument], to: &output) {
            case .success: break
            case .failure(let error): return .failure(error)
            }
            if output.utf8.count > Functions.maximumStringBytes {
                return .failure(FunctionError("the result would be longer than \(Functions.maximumStringBytes) bytes"))
            }
        }
        if usedArguments < arguments.count {
            return .failure(
                FunctionError(
                    sawVerb
                        ? "too many arguments; only \(usedArguments) used by the format string"
                        : "too many arguments; the format string has no verbs"))
        }
        return .success(output)
    }

    private static func append(_ verb: Verb, _ value: TerraformValue, to output: inout String) -> Result<
        Void, FunctionError
    > {
        func unsupported(_ reason: String) -> Result<Void, FunctionError> {
            .failure(FunctionError("unsupported value for \"\(verb.raw)\" at offset \(verb.offset): \(reason)"))
        }
        if verb.mode != "v", case .null = value { return unsupported("null value cannot be formatted") }
        switch verb.mode {
        case "v":
            if !verb.sharp {
                if case .string(let text) = value {
                    output += pad(text, verb)
                    return .success(())
                }
                if case .number(let number) = value {
                    output += pad(
                        signed(number, DecimalDigits(number).general(precision: nil, uppercase: false), verb), verb)
                    return .success(())
                }
            }
            switch JSONText.encode(value) {
            case .success(let json): output += pad(json, verb)
            case .failure(let error): return unsupported(error.message)
            }
        case "t":
            guard let flag = Conversion.bool(value) else { return unsupported("a bool is required") }
            output += pad(flag ? "true" : "false", verb)
        case "b", "d", "o", "x", "X":
            guard let number = Conversion.number(value) else { return unsupported("a number is required") }
            guard number.isFinite, number == number.rounded() else { return unsupported("an integer is required") }
            guard let text = integer(number, verb) else { return unsupported("the integer is too large") }
            output += padNumber(text, verb)
        case "e", "E", "f", "F", "g", "G":
            guard let number = Conversion.number(value) else { return unsupported("a number is required") }
            guard number.isFinite else {
                output += pad(number.isNaN ? "NaN" : (number < 0 ? "-Inf" : "+Inf"), verb)
                return .success(())
            }
            let digits = DecimalDigits(number)
            let precision = verb.precision ?? (verb.mode == "g" || verb.mode == "G" ? nil : 6)
            let body: String
            switch verb.mode {
            case "e", "E": body = digits.scientific(precision: precision, uppercase: verb.mode == "E")
            case "f", "F": body = digits.fixed(precision: precision)
            default: body = digits.general(precision: precision, uppercase: verb.mode == "G")
            }
            output += padNumber(signed(number, body, verb), verb)
        case "s", "q":
            guard var text = Conversion.string(value) else { return unsupported("a string is required") }
            if let precision = verb.precision, precision > 0 { text = String(text.prefix(precision)) }
            if verb.mode == "q" { text = JSONText.quote(text) }
            output += pad(text, verb)
        default:
            return .failure(
                FunctionError("unsupported format verb \"\(verb.mode)\" in \"\(verb.raw)\" at offset \(verb.offset)"))
        }
        return .success(())
    }

    /// The sign Go writes before a number: `-`, or `+` / space when asked for.
    private static func signed(_ number: Double, _ body: String, _ verb: Verb) -> String {
        if number < 0 { return "-" + body }
        if verb.plus { return "+" + body }
        if verb.space { return " " + body }
        return body
    }

    private static func integer(_ number: Double, _ verb: Verb) -> String? {
        let magnitude = number.magnitude
        guard magnitude < 18_446_744_073_709_551_616 else { return nil }
        let whole = UInt64(magnitude)
        var digits: String
        var prefix = ""
        switch verb.mode {
        case "b":
            digits = String(whole, radix: 2)
            if verb.sharp { prefix = "0b" }
        case "o":
            digits = String(whole, radix: 8)
            if verb.sharp { prefix = "0" }
        case "x":
            digits = String(whole, radix: 16)
            if verb.sharp { prefix = "0x" }
        case "X":
            digits = String(whole, radix: 16, uppercase: true)
            if verb.sharp { prefix = "0X" }
        default:
            digits = String(whole)
        }
        if let precision = verb.precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        return signed(number, prefix + digits, verb)
    }

    /// Padding to the width: spaces on the left, on the right with `-`, zeros on the left with `0`.
    private static func pad(_ text: String, _ verb: Verb) -> String {
        guard let width = verb.width, text.count < width else { return text }
        let padding = String(repeating: verb.zero && !verb.minus ? "0" : " ", count: width - text.count)
        return verb.minus ? text + padding : padding + text
    }

    /// Padding for a number: zeros go after the sign.
    private static func padNumber(_ text: String, _ verb: Verb) -> String {
        guard verb.zero, !verb.minus, let width = verb.width, text.count < width else {
            var spaced = verb
            spaced.zero = false
            return pad(text, spaced)
        }
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" || first == " " {
            sign = String(first)
            body = body.dropFirst()
        }
        return sign + String(repeating: "0", count: width - text.count) + body
    }
}
