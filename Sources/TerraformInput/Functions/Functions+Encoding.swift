extension Functions {
    /// Encodings: `jsonencode`, `jsondecode`, `yamlencode`, `yamldecode`, `base64encode`,
    /// `base64decode`, `urlencode`.
    static let encodings: [BuiltinFunction] = [
        BuiltinFunction("jsonencode", arguments: 1) { call in
            switch JSONText.encode(call[0]) {
            case .success(let text): return .string(try bounded(call, text))
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("jsondecode", arguments: 1) { call in
            switch JSONText.decode(try call.string(0)) {
            case .success(let value): return value
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("yamlencode", arguments: 1) { call in
            switch YAMLText.encode(call[0]) {
            case .success(let text): return .string(try bounded(call, text))
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("yamldecode", arguments: 1) { call in
            switch YAMLText.decode(try call.string(0)) {
            case .success(let value): return value
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("base64encode", arguments: 1) { call in
            .string(Base64.encode(Array(try call.string(0).utf8)))
        },
        BuiltinFunction("base64decode", arguments: 1) { call in
            guard let bytes = Base64.decode(try call.string(0)) else {
                throw call.error("the given value is not valid base64")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw call.error("the decoded bytes are not valid UTF-8")
            }
            return .string(text)
        },
        BuiltinFunction("urlencode", arguments: 1) { call in
            .string(urlEncode(try call.string(0)))
        },
    ]

    /// Go's `url.QueryEscape`: letters, digits and `-_.~` kept, space as `+`, every other byte
    /// as `%XX` in upper-case hexadecimal.
    static func urlEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                output.append(byte)
            case UInt8(ascii: " "):
                output.append(UInt8(ascii: "+"))
            default:
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
