#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Timing, formatting and file helpers shared by the benchmark executables.

/// A benchmark that cannot go on, with the reason.
public struct BenchError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

extension Duration {
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    public var nanoseconds: Double { seconds * 1e9 }
}

/// Keeps a value alive as far as the optimizer can tell, so the work that made it is not dropped.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// `1234567` as `1,234,567`.
public func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return value < 0 ? "-" + out : out
}

/// `value` with `places` decimals, rounded half away from zero, thousands grouped.
public func fixed(_ value: Double, _ places: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    var text = grouped(whole)
    if places > 0 {
        let fraction = String(Int(scaled - Double(whole) * scale))
        text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return value < 0 ? "-" + text : text
}

/// A time with three significant figures or so, in the unit that suits: `81.2 ns`, `4.31 µs`,
/// `12.6 ms`, `3.20 s`.
public func humanTime(nanoseconds ns: Double) -> String {
    func sig(_ v: Double) -> String { fixed(v, v < 10 ? 2 : v < 100 ? 1 : 0) }
    if ns < 1e3 { return sig(ns) + " ns" }
    if ns < 1e6 { return sig(ns / 1e3) + " µs" }
    if ns < 1e9 { return sig(ns / 1e6) + " ms" }
    return sig(ns / 1e9) + " s"
}

public func humanTime(_ duration: Duration) -> String { humanTime(nanoseconds: duration.nanoseconds) }

/// `text` padded with spaces to `width` characters, on the left when `right` is set.
public func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

/// Writes a line to standard error without going through a shared C `FILE`.
public func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { break }
            offset += written
        }
    }
}

/// The whole file, as bytes.
public func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
        throw BenchError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    if ferror(file) != 0 { throw BenchError(description: "cannot read \(path)") }
    return bytes
}
