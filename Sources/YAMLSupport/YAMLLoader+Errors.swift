import PolicyModel
import Yams

/// Yams' errors as `ParseError`s at the line and column Yams reports.
extension YAMLLoader {
    static func parseError(_ error: any Error, text: String, file: String) -> ParseError {
        func at(_ mark: Mark) -> Location { Location(file: file, line: mark.line, column: mark.column) }
        guard let error = error as? YamlError else {
            return ParseError("\(error)", at: Location(file: file, line: 1, column: 1))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return ParseError(message(problem, context: context), at: at(mark))
        case .reader(let problem, let offset, _, _):
            return ParseError(problem, at: location(ofCharacter: offset ?? 0, in: text, file: file))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            let noun = duplicates.count == 1 ? "key" : "keys"
            return ParseError("mapping \(noun) \(keys) written more than once", at: at(context.mark))
        case .memory:
            return ParseError("out of memory", at: Location(file: file, line: 1, column: 1))
        default:
            return ParseError("\(error)", at: Location(file: file, line: 1, column: 1))
        }
    }

    /// libyaml's problem, and what it was reading when the problem is found further on.
    private static func message(_ problem: String, context: YamlError.Context?) -> String {
        if problem.hasPrefix("Maximum nesting level reached") {
            return "lists and mappings nest more than 1000 levels deep"
        }
        guard let context, !context.text.isEmpty else { return problem }
        return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
    }

    /// Yams gives reader errors as an offset in `Character`s.
    private static func location(ofCharacter offset: Int, in text: String, file: String) -> Location {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return Location(file: file, line: line, column: column)
    }
}
