extension CELType {
    /// `kubernetes.Quantity`, the type of `quantity('…')`.
    public static let kubernetesQuantity = CELType.opaque(Quantity.typeName)
}

extension Library {
    /// The Kubernetes resource quantity library: `quantity`, `isQuantity`, and on quantities
    /// `sign`, `isInteger`, `asInteger`, `asApproximateFloat`, `add`, `sub`, `isGreaterThan`,
    /// `isLessThan` and `compareTo`. Quantities compare and are equal by value
    /// (`quantity('1k') == quantity('1000')`).
    public static let quantity = Library(
        name: "kubernetes.quantity",
        typeNames: [Quantity.typeName],
        functions: [
            Function(
                "quantity",
                doc: "Parses a Kubernetes resource quantity such as `1.5Gi`, `200m` or `1e3`.",
                overloads: [
                    .global("string_to_quantity", [.string], returns: .kubernetesQuantity) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        switch Quantity.parse(text) {
                        case .success(let quantity): return .opaque(quantity)
                        case .failure(let error): return .error(error.message)
                        }
                    }
                ]),
            Function(
                "isQuantity", doc: "Reports whether `quantity()` accepts the string.",
                overloads: [
                    .global("is_quantity_string", [.string], returns: .bool) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        if case .success = Quantity.parse(text) { return .bool(true) }
                        return .bool(false)
                    }
                ]),
            Function(
                "sign", doc: "Returns 1, 0 or -1 as the quantity is positive, zero or negative.",
                overloads: [
                    .member("quantity_sign", [.kubernetesQuantity], returns: .int) { args in
                        Quantity.unary(args) { .int(Int64($0.sign)) }
                    },
                    // Kubernetes declares `sign` as a global function; both spellings work here.
                    .global("sign_quantity", [.kubernetesQuantity], returns: .int) { args in
                        Quantity.unary(args) { .int(Int64($0.sign)) }
                    },
                ]),
            Function(
                "isInteger", doc: "Reports whether the quantity is a whole number that fits in an int.",
                overloads: [
                    .member("quantity_is_integer", [.kubernetesQuantity], returns: .bool) { args in
                        Quantity.unary(args) { .bool($0.int64Value != nil) }
                    }
                ]),
            Function(
                "asInteger", doc: "Returns the quantity as an int; an error unless `isInteger()`.",
                overloads: [
                    .member("quantity_as_integer", [.kubernetesQuantity], returns: .int) { args in
                        Quantity.unary(args) { quantity in
                            quantity.int64Value.map(Value.int) ?? .error("cannot convert value to integer")
                        }
                    }
                ]),
            Function(
                "asApproximateFloat",
                doc: "Returns the nearest double; out of the double range, +Inf or -Inf.",
                overloads: [
                    .member("quantity_as_approximate_float", [.kubernetesQuantity], returns: .double) { args in
                        Quantity.unary(args) { .double($0.doubleValue) }
                    }
                ]),
            Function(
                "add", doc: "Returns the sum of the quantity and another quantity or an int.",
                overloads: [
                    .member(
                        "quantity_add_quantity", [.kubernetesQuantity, .kubernetesQuantity],
                        returns: .kubernetesQuantity
                    ) { args in
                        Quantity.binary(args) { .opaque($0.adding($1)) }
                    },
                    .member("quantity_add_int", [.kubernetesQuantity, .int], returns: .kubernetesQuantity) { args in
                        guard case .int(let amount) = args[1] else { return .noSuchOverload }
                        return Quantity.unary(args) { .opaque($0.adding(Quantity(amount))) }
                    },
                ]),
            Function(
                "sub", doc: "Returns the quantity minus another quantity or an int.",
                overloads: [
                    .member(
                        "quantity_sub_quantity", [.kubernetesQuantity, .kubernetesQuantity],
                        returns: .kubernetesQuantity
                    ) { args in
                        Quantity.binary(args) { .opaque($0.subtracting($1)) }
                    },
                    .member("quantity_sub_int", [.kubernetesQuantity, .int], returns: .kubernetesQuantity) { args in
                        guard case .int(let amount) = args[1] else { return .noSuchOverload }
                        return Quantity.unary(args) { .opaque($0.subtracting(Quantity(amount))) }
                    },
                ]),
            Function(
                "isGreaterThan", doc: "Reports whether the quantity is greater than the other.",
                overloads: [
                    .member(
                        "quantity_is_greater_than_quantity", [.kubernetesQuantity, .kubernetesQuantity], returns: .bool
                    ) { args in
                        Quantity.binary(args) { .bool(Quantity.compare($0, $1) > 0) }
                    }
                ]),
            Function(
                "isLessThan", doc: "Reports whether the quantity is less than the other.",
                overloads: [
                    .member(
                        "quantity_is_less_than_quantity", [.kubernetesQuantity, .kubernetesQuantity], returns: .bool
                    ) { args in
                        Quantity.binary(args) { .bool(Quantity.compare($0, $1) < 0) }
                    }
                ]),
            Function(
                "compareTo",
                doc: "Returns -1, 0 or 1 as the quantity is less than, equal to or greater than the other.",
                overloads: [
                    .member(
                        "quantity_compare_to_quantity", [.kubernetesQuantity, .kubernetesQuantity], returns: .int
                    ) { args in
                        Quantity.binary(args) { .int(Int64(Quantity.compare($0, $1))) }
                    }
                ]),
        ])
}

/// A Kubernetes resource quantity (`kubernetes.Quantity`), held exactly as a whole number of
/// nano units (10⁻⁹), which is the precision Kubernetes keeps: parsing rounds a finer value
/// away from zero to the next nano unit, as `resource.ParseQuantity` does.
struct Quantity: OpaqueValue, Hashable {
    static let typeName = "kubernetes.Quantity"
    /// Decimal exponents above this are refused, so that `1e999999999` cannot make a number
    /// with a billion digits. (Kubernetes has no such limit; no real quantity comes near it.)
    static let maxDecimalExponent = 10_000

    /// False for zero.
    let isNegative: Bool
    /// The magnitude in nano units.
    let nanos: DecimalNatural

    init(isNegative: Bool, nanos: DecimalNatural) {
        self.isNegative = isNegative && !nanos.isZero
        self.nanos = nanos
    }

    init(_ value: Int64) {
        self.init(isNegative: value < 0, nanos: DecimalNatural(value.magnitude).shiftedLimbs(1))
    }

    var typeName: String { Self.typeName }

    func isEqual(to other: any OpaqueValue) -> Bool {
        guard let other = other as? Quantity else { return false }
        return self == other
    }

    /// The value in plain decimal (`1.5`, `-0.000000001`, `1024`).
    var description: String {
        var text = nanos.decimalString(fractionDigits: 9)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return (isNegative ? "-" : "") + text
    }

    var sign: Int { nanos.isZero ? 0 : (isNegative ? -1 : 1) }

    /// The value when it is a whole number within the range of an int.
    var int64Value: Int64? {
        guard nanos.limbs.first ?? 0 == 0, nanos.limbs.count <= 4 else { return nil }
        var units: UInt64 = 0
        for limb in nanos.limbs.dropFirst().reversed() {
            let (shifted, overflow1) = units.multipliedReportingOverflow(by: UInt64(DecimalNatural.limbBase))
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(limb))
            if overflow1 || overflow2 { return nil }
            units = sum
        }
        if isNegative {
            guard units <= UInt64(Int64.max) + 1 else { return nil }
            return units == UInt64(Int64.max) + 1 ? .min : -Int64(units)
        }
        guard units <= UInt64(Int64.max) else { return nil }
        return Int64(units)
    }

    var doubleValue: Double {
        let magnitude = Double(nanos.decimalString(fractionDigits: 9)) ?? .infinity
        return isNegative ? -magnitude : magnitude
    }

    func adding(_ other: Quantity) -> Quantity {
        if isNegative == other.isNegative {
            return Quantity(isNegative: isNegative, nanos: nanos.adding(other.nanos))
        }
        if DecimalNatural.compare(nanos, other.nanos) >= 0 {
            return Quantity(isNegative: isNegative, nanos: nanos.subtracting(other.nanos))
        }
        return Quantity(isNegative: other.isNegative, nanos: other.nanos.subtracting(nanos))
    }

    func subtracting(_ other: Quantity) -> Quantity {
        adding(Quantity(isNegative: !other.isNegative, nanos: other.nanos))
    }

    static func compare(_ lhs: Quantity, _ rhs: Quantity) -> Int {
        if lhs.sign != rhs.sign { return lhs.sign < rhs.sign ? -1 : 1 }
        let magnitude = DecimalNatural.compare(lhs.nanos, rhs.nanos)
        return lhs.isNegative ? -magnitude : magnitude
    }

    static func unary(_ args: Arguments, _ body: (Quantity) -> Value) -> Value {
        guard case .opaque(let opaque) = args[0], let quantity = opaque as? Quantity else { return .noSuchOverload }
        return body(quantity)
    }

    static func binary(_ args: Arguments, _ body: (Quantity, Quantity) -> Value) -> Value {
        guard case .opaque(let first) = args[0], let lhs = first as? Quantity,
            case .opaque(let second) = args[1], let rhs = second as? Quantity
        else { return .noSuchOverload }
        return body(lhs, rhs)
    }
}

// MARK: Parsing

extension Quantity {
    struct ParseError: Error, Sendable, Equatable {
        var message: String

        static let format = ParseError(
            message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        static let numeric = ParseError(message: "unable to parse numeric part of quantity")
        static let suffix = ParseError(message: "unable to parse quantity's suffix")
        static let tooLarge = ParseError(message: "quantity exponent is too large")
    }

    /// How a suffix scales the number: `base` is 10 or 2.
    private struct Scaling {
        var base: Int
        var exponent: Int
    }

    private static let suffixLetters = Set("eEinumkKMGTP".utf8)

    /// Parses as Kubernetes' `resource.ParseQuantity`: an optional sign, digits with an optional
    /// fraction (`1`, `1.5`, `.5`, `1.`), then a decimal SI suffix (`n u m k M G T P E`), a binary
    /// suffix (`Ki … Ei`) or an exponent (`e3`, `E-3`). Kubernetes' quirks are kept: a number may
    /// have no digits (`Mi` is zero), binary values are capped at 2⁶³-1.
    static func parse(_ text: String) -> Result<Quantity, ParseError> {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return .failure(.format) }
        if bytes == [UInt8(ascii: "0")] { return .success(Quantity(0)) }

        // The number: sign, leading zeros, whole digits, fraction digits.
        var position = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            position = 1
        }
        var sawDigit = false
        while position < bytes.count && bytes[position] == UInt8(ascii: "0") {
            position += 1
            sawDigit = true
        }
        let wholeStart = position
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        let whole = bytes[wholeStart..<position]
        var fraction = bytes[position..<position]
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
            fraction = bytes[fractionStart..<position]
        }
        sawDigit = sawDigit || !whole.isEmpty || !fraction.isEmpty

        // The suffix: letters, then an optional sign and digits, then the end.
        let suffixStart = position
        while position < bytes.count && suffixLetters.contains(bytes[position]) { position += 1 }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
            position += 1
        }
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        if position < bytes.count { return .failure(.format) }
        guard let scaling = interpretSuffix(bytes[suffixStart...]) else { return .failure(.suffix) }

        // Kubernetes takes a slow path through a decimal library when the number is long, fine
        // or binary-scaled past 2^40; that library needs at least one digit.
        if !sawDigit && !takesFastPath(wholeCount: max(whole.count, 1), fractionCount: fraction.count, scaling) {
            return .failure(.numeric)
        }

        let digits = (whole + fraction).map { $0 - UInt8(ascii: "0") }
        guard let firstNonZero = digits.firstIndex(where: { $0 != 0 }) else {
            return .success(Quantity(0))
        }
        var magnitude: DecimalNatural
        if scaling.base == 10 {
            if scaling.exponent > maxDecimalExponent { return .failure(.tooLarge) }
            magnitude = nanos(
                digits: digits[firstNonZero...], pointAfter: whole.count - firstNonZero + scaling.exponent)
        } else {
            var scaled = DecimalNatural(digits: digits[firstNonZero...], zeros: 0)
            var shift = scaling.exponent
            while shift > 0 {
                let step = min(shift, 30)
                scaled = scaled.multiplied(by: UInt32(1) << UInt32(step))
                shift -= step
            }
            let scaledDigits = scaled.decimalDigits
            magnitude = nanos(digits: scaledDigits[...], pointAfter: scaledDigits.count - fraction.count)
            let cap = DecimalNatural(UInt64(Int64.max)).shiftedLimbs(1)
            if DecimalNatural.compare(magnitude, cap) > 0 { magnitude = cap }
        }
        return .success(Quantity(isNegative: negative, nanos: magnitude))
    }

    /// The number `digits` (values 0...9, most significant first, not starting with 0) with the decimal
    /// point after `pointAfter` of them (which may be negative or past the end), in nano units,
    /// rounded up when finer.
    private static func nanos(digits: ArraySlice<UInt8>, pointAfter: Int) -> DecimalNatural {
        let cut = pointAfter + 9
        if cut <= 0 { return DecimalNatural(1) }
        if cut >= digits.count {
            return DecimalNatural(digits: digits, zeros: cut - digits.count)
        }
        let head = digits[digits.startIndex..<(digits.startIndex + cut)]
        var result = DecimalNatural(digits: head, zeros: 0)
        if digits[(digits.startIndex + cut)...].contains(where: { $0 != 0 }) {
            result = result.adding(DecimalNatural(1))
        }
        return result
    }

    private static func interpretSuffix(_ suffix: ArraySlice<UInt8>) -> Scaling? {
        switch String(decoding: suffix, as: UTF8.self) {
        case "n": return Scaling(base: 10, exponent: -9)
        case "u": return Scaling(base: 10, exponent: -6)
        case "m": return Scaling(base: 10, exponent: -3)
        case "": return Scaling(base: 10, exponent: 0)
        case "k": return Scaling(base: 10, exponent: 3)
        case "M": return Scaling(base: 10, exponent: 6)
        case "G": return Scaling(base: 10, exponent: 9)
        case "T": return Scaling(base: 10, exponent: 12)
        case "P": return Scaling(base: 10, exponent: 15)
        case "E": return Scaling(base: 10, exponent: 18)
        case "Ki": return Scaling(base: 2, exponent: 10)
        case "Mi": return Scaling(base: 2, exponent: 20)
        case "Gi": return Scaling(base: 2, exponent: 30)
        case "Ti": return Scaling(base: 2, exponent: 40)
        case "Pi": return Scaling(base: 2, exponent: 50)
        case "Ei": return Scaling(base: 2, exponent: 60)
        default: break
        }
        guard suffix.count > 1, let first = suffix.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
            let exponent = parseInt64(suffix.dropFirst())
        else { return nil }
        // Kubernetes parses 64 bits and keeps the low 32.
        return Scaling(base: 10, exponent: Int(Int32(truncatingIfNeeded: exponent)))
    }

    /// Whether Kubernetes would parse the number with 64-bit integers rather than its decimal
    /// library (only the no-digit quirk depends on this).
    private static func takesFastPath(wholeCount: Int, fractionCount: Int, _ scaling: Scaling) -> Bool {
        if scaling.base == 10 {
            return 18 - (wholeCount + fractionCount) >= 0 && scaling.exponent - fractionCount >= -9
        }
        guard fractionCount == 0 else { return false }
        let precision = 15 - wholeCount - Int(Float(scaling.exponent) * 3 / 10) - 1
        return precision >= 0
    }

    /// A decimal int64 with an optional sign, as Go's `strconv.ParseInt(s, 10, 64)`.
    private static func parseInt64(_ text: ArraySlice<UInt8>) -> Int64? {
        var digits = text
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

/// A non-negative integer in base 10⁹, least significant limb first, with no high zero limbs
/// (zero has none). Decimal digits fall straight into limbs, so conversion both ways is linear.
struct DecimalNatural: Hashable, Sendable {
    static let limbBase: UInt32 = 1_000_000_000
    private static let powersOfTen: [UInt32] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
    ]

    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        var rest = value
        limbs = []
        while rest > 0 {
            limbs.append(UInt32(rest % UInt64(Self.limbBase)))
            rest /= UInt64(Self.limbBase)
        }
    }

    /// Digit values 0...9, most significant first, followed by `zeros` zero digits.
    init(digits: ArraySlice<UInt8>, zeros: Int) {
        let total = digits.count + zeros
        var limbs = [UInt32](repeating: 0, count: (total + 8) / 9)
        var place = zeros
        for digit in digits.reversed() {
            limbs[place / 9] += UInt32(digit) * Self.powersOfTen[place % 9]
            place += 1
        }
        self.limbs = limbs
        trim()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        trim()
    }

    private mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// The number times 10^(9 × count).
    func shiftedLimbs(_ count: Int) -> DecimalNatural {
        isZero ? self : DecimalNatural(limbs: [UInt32](repeating: 0, count: count) + limbs)
    }

    static func compare(_ lhs: DecimalNatural, _ rhs: DecimalNatural) -> Int {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count ? -1 : 1 }
        for index in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index] ? -1 : 1
        }
        return 0
    }

    func adding(_ other: DecimalNatural) -> DecimalNatural {
        var result: [UInt32] = []
        result.reserveCapacity(max(limbs.count, other.limbs.count) + 1)
        var carry: UInt32 = 0
        for index in 0..<max(limbs.count, other.limbs.count) {
            let left = index < limbs.count ? limbs[index] : 0
            let right = index < other.limbs.count ? other.limbs[index] : 0
            var sum = left + right + carry
            carry = 0
            if sum >= Self.limbBase {
                sum -= Self.limbBase
                carry = 1
            }
            result.append(sum)
        }
        if carry > 0 { result.append(carry) }
        return DecimalNatural(limbs: result)
    }

    /// `self - other`; callers make sure `other` is not larger (a larger one gives zero).
    func subtracting(_ other: DecimalNatural) -> DecimalNatural {
        guard Self.compare(self, other) > 0 else { return DecimalNatural(0) }
        var result = limbs
        var borrow: UInt32 = 0
        for index in 0..<result.count {
            let right = (index < other.limbs.count ? other.limbs[index] : 0) + borrow
            if result[index] >= right {
                result[index] -= right
                borrow = 0
            } else {
                result[index] = result[index] + Self.limbBase - right
                borrow = 1
            }
        }
        return DecimalNatural(limbs: result)
    }

    func multiplied(by factor: UInt32) -> DecimalNatural {
        var result: [UInt32] = []
        result.reserveCapacity(limbs.count + 2)
        var carry: UInt64 = 0
        for limb in limbs {
            let product = UInt64(limb) * UInt64(factor) + carry
            result.append(UInt32(product % UInt64(Self.limbBase)))
            carry = product / UInt64(Self.limbBase)
        }
        while carry > 0 {
            result.append(UInt32(carry % UInt64(Self.limbBase)))
            carry /= UInt64(Self.limbBase)
        }
        return DecimalNatural(limbs: result)
    }

    /// Digit values 0...9, most significant first; `[]` for zero.
    var decimalDigits: [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 9)
        for (index, limb) in limbs.enumerated().reversed() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var rest = limb
            for place in stride(from: 8, through: 0, by: -1) {
                chunk[place] = UInt8(rest % 10)
                rest /= 10
            }
            if index == limbs.count - 1 {
                digits += chunk.drop(while: { $0 == 0 })
            } else {
                digits += chunk
            }
        }
        return digits
    }

    /// The number divided by 10^fractionDigits, in decimal with exactly that many fraction
    /// digits (`1.500000000`).
    func decimalString(fractionDigits: Int) -> String {
        var digits = decimalDigits
        if digits.count <= fractionDigits {
            digits = [UInt8](repeating: 0, count: fractionDigits + 1 - digits.count) + digits
        }
        var text: [UInt8] = digits.map { $0 + UInt8(ascii: "0") }
        if fractionDigits > 0 { text.insert(UInt8(ascii: "."), at: text.count - fractionDigits) }
        return String(decoding: text, as: UTF8.self)
    }
}
