extension Functions {
    /// IP network arithmetic: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`, for IPv4
    /// and IPv6.
    static let network: [BuiltinFunction] = [
        BuiltinFunction("cidrhost", arguments: 2) { call in
            let network = try parseNetwork(call, 0)
            let number = try call.number(1)
            guard number == number.rounded() else { throw call.mismatch(1, expected: "a whole number") }
            let hostBits = network.bits - network.prefixLength
            let fits = number >= 0 ? number < network.size : -number <= network.size
            guard fits, let magnitude = UInt128(exactly: number.magnitude) else {
                throw call.error(
                    "prefix of \(network.prefixLength) does not accommodate a host numbered \(Conversion.text(number))")
            }
            let offset =
                number >= 0 ? magnitude : (hostBits >= 128 ? 0 &- magnitude : (UInt128(1) << hostBits) - magnitude)
            return .string(IPNetwork.format(network.address &+ offset, bits: network.bits))
        },
        BuiltinFunction("cidrnetmask", arguments: 1) { call in
            let network = try parseNetwork(call, 0)
            guard network.bits == 32 else { throw call.error("only IPv4 networks have netmasks") }
            return .string(IPNetwork.format(IPNetwork.mask(prefixLength: network.prefixLength, bits: 32), bits: 32))
        },
        BuiltinFunction("cidrsubnet", arguments: 3) { call in
            let network = try parseNetwork(call, 0)
            let newBits = try call.integer(1)
            let number = try call.number(2)
            guard newBits >= 0 else { throw call.error("the number of new bits must not be negative, got \(newBits)") }
            let length = network.prefixLength + newBits
            guard length <= network.bits else {
                throw call.error(
                    "insufficient address space to extend prefix of \(network.prefixLength) by \(newBits)")
            }
            let subnets = Double(sign: .plus, exponent: newBits, significand: 1)
            guard number >= 0, number < subnets, number == number.rounded(), let index = UInt128(exactly: number) else {
                throw call.error(
                    "prefix extension of \(newBits) does not accommodate a subnet numbered \(Conversion.text(number))")
            }
            let shifted = network.bits - length >= 128 ? 0 : index << (network.bits - length)
            return .string(
                IPNetwork(address: network.address | shifted, bits: network.bits, prefixLength: length).description)
        },
        BuiltinFunction("cidrsubnets", arity: 1...Int.max) { call in
            let network = try parseNetwork(call, 0)
            guard call.count > 1 else { return .list([]) }
            var lengths: [Int] = []
            for index in 1..<call.count {
                let newBits = try call.integer(index)
                let length = network.prefixLength + newBits
                guard newBits >= 1 else {
                    throw call.error("argument \(index + 1): must extend the prefix by at least one bit")
                }
                guard length <= network.bits else {
                    throw call.error(
                        "argument \(index + 1): would extend the prefix to \(length) bits, "
                            + "too long for an IPv\(network.bits == 32 ? 4 : 6) address")
                }
                lengths.append(length)
            }
            // Each subnet starts at the first address after the previous one that is aligned to
            // its own size; `free` becomes nil once the address space is used up to its end.
            var results: [TerraformValue] = []
            var free: UInt128? = network.address
            for (position, length) in lengths.enumerated() {
                let blockSize = UInt128(1) << (network.bits - length)
                guard let first = free else { throw exhausted(call, position, length, results) }
                var start = first
                let misalignment = first & (blockSize - 1)
                if misalignment != 0 {
                    let (aligned, overflow) = (first - misalignment).addingReportingOverflow(blockSize)
                    guard !overflow else { throw exhausted(call, position, length, results) }
                    start = aligned
                }
                let last = start + (blockSize - 1)
                guard last <= network.lastAddress else { throw exhausted(call, position, length, results) }
                results.append(.string(IPNetwork(address: start, bits: network.bits, prefixLength: length).description))
                free = last == UInt128.max ? nil : last + 1
            }
            return .list(results)
        },
    ]

    private static func parseNetwork(_ call: FunctionCall, _ index: Int) throws(FunctionError) -> IPNetwork {
        let text = try call.string(index)
        guard let network = IPNetwork(text) else { throw call.error("invalid CIDR address \"\(text)\"") }
        return network
    }

    private static func exhausted(
        _ call: FunctionCall, _ position: Int, _ length: Int, _ results: [TerraformValue]
    ) -> FunctionError {
        let after = results.last?.stringValue.map { " after \($0)" } ?? ""
        return call.error(
            "argument \(position + 2): not enough remaining address space for a subnet with a prefix of "
                + "\(length) bits\(after)")
    }
}
