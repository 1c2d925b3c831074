/// The arguments of one call, read as the types the function expects. Arguments convert as
/// Terraform converts them (a number or bool where a string is expected becomes its text, a
/// numeric string where a number is expected becomes the number); anything else is an error whose
/// message names the function and the argument, `join: argument 2 must be a list of strings, not
/// null`.
struct FunctionCall {
    let name: String
    let arguments: [TerraformValue]
    let context: any FunctionContext

    var count: Int { arguments.count }

    subscript(index: Int) -> TerraformValue { arguments[index] }

    /// An error about this call, prefixed with the function's name.
    func error(_ message: String) -> FunctionError {
        FunctionError("\(name): \(message)")
    }

    /// An error saying that argument `index` (0-based) is not the expected kind of value.
    func mismatch(_ index: Int, expected: String) -> FunctionError {
        error("argument \(index + 1) must be \(expected), not \(arguments[index].typeName)")
    }

    func string(_ index: Int) throws(FunctionError) -> String {
        guard let text = Conversion.string(arguments[index]) else { throw mismatch(index, expected: "a string") }
        return text
    }

    func number(_ index: Int) throws(FunctionError) -> Double {
        guard let number = Conversion.number(arguments[index]) else { throw mismatch(index, expected: "a number") }
        return number
    }

    /// A whole number in the range of `Int`.
    func integer(_ index: Int) throws(FunctionError) -> Int {
        let number = try number(index)
        guard let whole = Conversion.integer(number) else {
            throw error("argument \(index + 1) must be a whole number, not \(Conversion.text(number))")
        }
        return whole
    }

    func bool(_ index: Int) throws(FunctionError) -> Bool {
        guard let flag = Conversion.bool(arguments[index]) else { throw mismatch(index, expected: "a bool") }
        return flag
    }

    func list(_ index: Int) throws(FunctionError) -> [TerraformValue] {
        guard case .list(let items) = arguments[index] else { throw mismatch(index, expected: "a list") }
        return items
    }

    func object(_ index: Int) throws(FunctionError) -> ObjectValue {
        guard case .object(let object) = arguments[index] else { throw mismatch(index, expected: "a map") }
        return object
    }

    /// A list whose elements all convert to strings (no null elements).
    func stringList(_ index: Int) throws(FunctionError) -> [String] {
        guard case .list(let items) = arguments[index] else {
            throw mismatch(index, expected: "a list of strings")
        }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let text = Conversion.string(item) else {
                throw error(
                    "element \(position) of argument \(index + 1) must be a string, not \(item.typeName)")
            }
            strings.append(text)
        }
        return strings
    }

    /// A list whose elements all convert to numbers.
    func numberList(_ index: Int) throws(FunctionError) -> [Double] {
        guard case .list(let items) = arguments[index] else {
            throw mismatch(index, expected: "a list of numbers")
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let number = Conversion.number(item) else {
                throw error(
                    "element \(position) of argument \(index + 1) must be a number, not \(item.typeName)")
            }
            numbers.append(number)
        }
        return numbers
    }
}
