/// Why a conformance test does not run. A test is skipped only by its `requires` tags, for a
/// feature Palisade's CEL does not have; nothing is skipped because it fails, and every other
/// extension tag runs. The order of the cases is the order of precedence when a test carries
/// several of these tags.
enum CELConformanceSkip: String, CaseIterable, Sendable {
    case protoMessages = "proto_messages"
    case legacyEnums = "legacy_enums"
    case strongEnums = "strong_enums"
    case unknowns = "unknowns"
    case protoExtension = "extension:proto"
    case typeCheck = "type_check"

    /// The tag, and why Palisade does without what it names.
    var reason: String {
        switch self {
        case .protoMessages:
            "proto_messages: protobuf messages, wrappers or enums; policies evaluate JSON-shaped data"
        case .legacyEnums:
            "legacy_enums: protobuf enums as ints (every such test also needs proto_messages)"
        case .strongEnums:
            "strong_enums: protobuf enums as types (every such test also needs proto_messages)"
        case .unknowns:
            "unknowns: partial evaluation with unknown values"
        case .protoExtension:
            "extension:proto: proto.hasExt and proto.getExt on proto2 extension fields"
        case .typeCheck:
            "type_check: expects the checker's deduced type (typed_result or check_only)"
        }
    }
}

extension CELConformanceCase {
    /// The reason this test does not run, or `nil` to run it.
    ///
    /// `type_check` tests run when the tag comes only from their declarations (`type_env`, no
    /// `check_only`, no `typed_result`): they run from their bindings, with every bound name
    /// declared `dyn` and the declared types ignored.
    func skipReason() -> CELConformanceSkip? {
        for reason in CELConformanceSkip.allCases where requires.contains(reason.rawValue) {
            if reason == .typeCheck && onlyDeclarationsNeedTheChecker { continue }
            return reason
        }
        return nil
    }

    var onlyDeclarationsNeedTheChecker: Bool {
        declaresNames && !checkOnly && expected[field: "typed_result"] == nil
    }
}
