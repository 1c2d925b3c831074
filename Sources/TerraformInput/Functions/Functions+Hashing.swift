extension Functions {
    /// Hashes of a string's UTF-8 bytes: `md5`, `sha1`, `sha256`, `sha512` in hexadecimal and
    /// `base64sha256`, `base64sha512` in base64.
    static let hashes: [BuiltinFunction] = [
        BuiltinFunction("md5", arguments: 1) { call in .string(Digest.hex(Digest.md5(Array(try call.string(0).utf8))))
        },
        BuiltinFunction("sha1", arguments: 1) { call in .string(Digest.hex(Digest.sha1(Array(try call.string(0).utf8))))
        },
        BuiltinFunction("sha256", arguments: 1) { call in
            .string(Digest.hex(Digest.sha256(Array(try call.string(0).utf8))))
        },
        BuiltinFunction("sha512", arguments: 1) { call in
            .string(Digest.hex(Digest.sha512(Array(try call.string(0).utf8))))
        },
        BuiltinFunction("base64sha256", arguments: 1) { call in
            .string(Base64.encode(Digest.sha256(Array(try call.string(0).utf8))))
        },
        BuiltinFunction("base64sha512", arguments: 1) { call in
            .string(Base64.encode(Digest.sha512(Array(try call.string(0).utf8))))
        },
    ]
}
