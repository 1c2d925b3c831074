/// A number as decimal digits and the position of the decimal point, for writing it in the
/// printf styles (`%e`, `%f`, `%g`) without Foundation. The digits are those of the shortest
/// text that reads back as the same `Double` — the number as the configuration wrote it — and
/// rounding to fewer digits rounds half to even, as Go does for exact decimals.
struct DecimalDigits: Sendable, Hashable {
    /// Significant digits, 0...9, without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The value is `0.d₁d₂… × 10^point`.
    var point: Int

    /// The digits of `abs(number)`, which must be finite.
    init(_ number: Double) {
        digits = []
        point = 0
        guard number != 0 else { return }
        let shortest = "\(abs(number))"
        var mantissa = Substring(shortest)
        var exponent = 0
        if let marker = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = shortest[..<marker]
            exponent = Int(shortest[shortest.index(after: marker)...]) ?? 0
        }
        var wholeDigits = mantissa.count
        for (offset, character) in mantissa.enumerated() {
            if character == "." {
                wholeDigits = offset
            } else if let value = character.wholeNumberValue {
                digits.append(UInt8(value))
            }
        }
        point = wholeDigits + exponent
        while digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == 0 { digits.removeLast() }
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounded to `count` significant digits (half to even); `count` may be zero or negative,
    /// which rounds to a unit of `10^(point - count)`.
    func rounded(toSignificant count: Int) -> DecimalDigits {
        guard count < digits.count else { return self }
        var result = self
        guard count >= 0 else {
            result.digits = []
            return result
        }
        let next = digits[count]
        let restNonZero = digits[(count + 1)...].contains { $0 != 0 }
        let previousOdd = count > 0 && digits[count - 1] % 2 == 1
        let up = next > 5 || (next == 5 && (restNonZero || previousOdd))
        result.digits = Array(digits[..<count])
        if up {
            var index = count - 1
            while index >= 0, result.digits[index] == 9 {
                result.digits[index] = 0
                index -= 1
            }
            if index >= 0 {
                result.digits[index] += 1
            } else {
                result.digits.insert(1, at: 0)
                result.point += 1
            }
        }
        while result.digits.last == 0 { result.digits.removeLast() }
        if result.digits.isEmpty { result.point = 0 }
        return result
    }

    /// The digit at `position` counting from the first significant one (zero beyond the end).
    private func digit(_ position: Int) -> Character {
        guard position >= 0, position < digits.count else { return "0" }
        return Character(String(digits[position]))
    }

    /// `%f`: `precision` digits after the point (`nil`: as many as the digits need).
    func fixed(precision: Int?) -> String {
        let value = precision.map { rounded(toSignificant: point + $0) } ?? self
        let fraction = precision ?? max(0, value.digits.count - value.point)
        var text = ""
        if value.point <= 0 {
            text = "0"
        } else {
            for position in 0..<value.point { text.append(value.digit(position)) }
        }
        if fraction > 0 {
            text.append(".")
            for position in value.point..<(value.point + fraction) { text.append(value.digit(position)) }
        }
        return text
    }

    /// `%e`: one digit, the point, `precision` digits (`nil`: as many as needed), the exponent
    /// with at least two digits.
    func scientific(precision: Int?, uppercase: Bool) -> String {
        let value = precision.map { rounded(toSignificant: $0 + 1) } ?? self
        let fraction = precision ?? max(0, value.digits.count - 1)
        var text = String(value.digit(0))
        if fraction > 0 {
            text.append(".")
            for position in 1...fraction { text.append(value.digit(position)) }
        }
        let exponent = value.isZero ? 0 : value.point - 1
        let magnitude = String(abs(exponent))
        text += (uppercase ? "E" : "e") + (exponent < 0 ? "-" : "+")
        text += (magnitude.count < 2 ? "0" : "") + magnitude
        return text
    }

    /// `%g`: scientific for exponents below -4 or at least the precision (6 when the digits are
    /// the shortest), fixed otherwise, without trailing zeros.
    func general(precision: Int?, uppercase: Bool) -> String {
        var value = self
        var exponentLimit = 6
        if let precision {
            let significant = max(precision, 1)
            value = rounded(toSignificant: significant)
            exponentLimit = significant
            if exponentLimit > value.digits.count, value.digits.count >= value.point {
                exponentLimit = value.digits.count
            }
        }
        let exponent = value.isZero ? 0 : value.point - 1
        if exponent < -4 || exponent >= exponentLimit {
            return value.scientific(precision: max(0, value.digits.count - 1), uppercase: uppercase)
        }
        return value.fixed(precision: max(0, value.digits.count - value.point))
    }
}
