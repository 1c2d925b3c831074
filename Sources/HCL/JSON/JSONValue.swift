/// A JSON document as written, with the source range of every value and key. Objects keep
/// their members in order, duplicates included (the HCL JSON syntax gives both meaning), and
/// numbers keep their exact text.
public indirect enum JSONValue: Sendable, Hashable {
    case object([Member], SourceRange)
    case array([JSONValue], SourceRange)
    /// The decoded string; the range includes the quotes.
    case string(String, SourceRange)
    /// The number exactly as written.
    case number(String, SourceRange)
    case bool(Bool, SourceRange)
    case null(SourceRange)

    /// One `"key": value` of an object.
    public struct Member: Sendable, Hashable {
        /// The decoded key.
        public var key: String
        /// Including the quotes.
        public var keyRange: SourceRange
        /// The member's value.
        public var value: JSONValue

        /// A member from its parts.
        public init(key: String, keyRange: SourceRange, value: JSONValue) {
            self.key = key
            self.keyRange = keyRange
            self.value = value
        }
    }

    /// Where the value is written.
    public var range: SourceRange {
        switch self {
        case .object(_, let range), .array(_, let range), .string(_, let range), .number(_, let range),
            .bool(_, let range), .null(let range):
            return range
        }
    }

    /// What kind of value this is, for messages: "object", "array", "string"...
    public var kindName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    /// Reads a JSON document (RFC 8259: no comments, no trailing commas), reporting the first
    /// error with its position. Nesting is limited by `options.maxDepth`.
    public static func parse(
        _ source: String, path: String = "", options: ParseOptions = ParseOptions()
    ) throws(Diagnostics) -> JSONValue {
        try parse(utf8: Array(source.utf8), path: path, options: options)
    }

    /// Reads a JSON document from its bytes, which must be UTF-8.
    public static func parse(
        utf8 bytes: [UInt8], path: String = "", options: ParseOptions = ParseOptions()
    ) throws(Diagnostics) -> JSONValue {
        let source = SourceText(path: path, bytes: bytes)
        do throws(JSONReader.Failure) {
            return try JSONReader.read(bytes, maxDepth: options.maxDepth)
        } catch {
            throw Diagnostics([source.error(error.message, at: error.range)])
        }
    }
}
