/// A 48-bit link-layer address held in an integer (no allocation, cheap to hash and compare).
public struct MACAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt64

    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    public static let zero = MACAddress(rawValue: 0)
    public static let broadcast = MACAddress(rawValue: 0xFFFF_FFFF_FFFF)

    @inlinable public var isMulticast: Bool { (rawValue >> 40) & 1 == 1 }
    @inlinable public var isBroadcast: Bool { rawValue == 0xFFFF_FFFF_FFFF }
    /// The first three bytes: the IEEE OUI.
    @inlinable public var oui: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 24) }

    /// `aa:bb:cc:dd:ee:ff`, lowercase.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.textLength) { write(to: $0) }
    }

    /// The length of the text form.
    public static let textLength = 17

    /// Writes the text form into `buffer` (at least `textLength` bytes) and returns its length.
    @discardableResult
    public func write(to buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(buffer.count >= Self.textLength)
        for index in 0..<6 {
            let byte = UInt8(truncatingIfNeeded: rawValue >> UInt64(40 - 8 * index))
            if index > 0 { buffer[3 * index - 1] = UInt8(ascii: ":") }
            buffer[3 * index] = hexDigit(byte >> 4)
            buffer[3 * index + 1] = hexDigit(byte & 0xF)
        }
        return Self.textLength
    }

    /// Appends the text form to `output` without building a `String`.
    public func write(into output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.textLength) { buffer in
            let count = write(to: buffer)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (or `-` separated).
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" })
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard part.count <= 2, let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        self.init(rawValue: value)
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An IPv4 or IPv6 address in 16 bytes; IPv4 is kept in its IPv4-mapped IPv6 form (::ffff:a.b.c.d)
/// so that one type, one hash and one comparison serve both families.
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    @inlinable public init(ipv4 value: UInt32) {
        self.high = 0
        self.low = 0x0000_FFFF_0000_0000 | UInt64(value)
    }

    public static let unspecified = IPAddress(high: 0, low: 0)

    @inlinable public var isIPv4: Bool { high == 0 && (low >> 32) == 0x0000_FFFF }
    @inlinable public var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }
    @inlinable public var isUnspecified: Bool { high == 0 && (low == 0 || low == 0x0000_FFFF_0000_0000) }

    /// Both halves mixed into one word, for keys that hash one folded word instead of feeding the
    /// hasher every field (the inventory's endpoint keys, detection's draft keys).
    @inlinable public var mixedWord: UInt64 { (high &* 0xBF58_476D_1CE4_E5B9 ^ low) &* 0x94D0_49BB_1331_11EB }

    public var isMulticast: Bool {
        isIPv4 ? (ipv4Value >> 28) == 0xE : (high >> 56) == 0xFF
    }

    public var isBroadcast: Bool { isIPv4 && ipv4Value == 0xFFFF_FFFF }

    /// Routable on the internet: not private (RFC 1918, RFC 4193), loopback, link-local, CGNAT
    /// (RFC 6598), `0/8`, multicast, broadcast or unspecified. One definition for the rules, the
    /// zone map and the reports, so that they agree on where the plant ends.
    public var isGloballyRoutable: Bool {
        if isUnspecified || isMulticast || isBroadcast { return false }
        if isIPv4 {
            let value = ipv4Value
            let first = value >> 24
            let second = (value >> 16) & 0xFF
            if first == 10 || first == 127 || first == 0 { return false }
            if first == 172 && (16...31).contains(second) { return false }
            if first == 192 && second == 168 { return false }
            if first == 169 && second == 254 { return false }
            if first == 100 && (64...127).contains(second) { return false }
            return true
        }
        let top = high >> 48
        if top & 0xFE00 == 0xFC00 { return false }  // unique local fc00::/7
        if top & 0xFFC0 == 0xFE80 { return false }  // link-local fe80::/10
        if high == 0 && low <= 1 { return false }  // :: and ::1
        return true
    }

    /// Dotted IPv4 for IPv4 (and IPv4-mapped) addresses, else IPv6 text as RFC 5952 writes it:
    /// lowercase hex without leading zeros, the longest run (≥ 2, first on ties) of zero groups as `::`.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.maximumTextLength) { write(to: $0) }
    }

    /// The longest text form (`ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff`).
    public static let maximumTextLength = 39

    /// Writes the text form into `buffer` (at least `maximumTextLength` bytes) and returns its length.
    @discardableResult
    public func write(to buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(buffer.count >= Self.maximumTextLength)
        var count = 0
        if isIPv4 {
            let value = ipv4Value
            for index in 0..<4 {
                if index > 0 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                }
                let byte = UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * index))
                if byte >= 100 {
                    buffer[count] = UInt8(ascii: "0") + byte / 100
                    count += 1
                }
                if byte >= 10 {
                    buffer[count] = UInt8(ascii: "0") + byte / 10 % 10
                    count += 1
                }
                buffer[count] = UInt8(ascii: "0") + byte % 10
                count += 1
            }
            return count
        }
        func group(_ index: Int) -> UInt16 {
            UInt16(truncatingIfNeeded: (index < 4 ? high : low) >> UInt64(48 - 16 * (index & 3)))
        }
        // RFC 5952: compress the longest run (≥ 2) of zero groups.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if group(index) == 0 {
                var end = index
                while end < 8 && group(end) == 0 { end += 1 }
                if end - index > bestLength && end - index >= 2 { (bestStart, bestLength) = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        index = 0
        while index < 8 {
            if index == bestStart {
                buffer[count] = UInt8(ascii: ":")
                buffer[count + 1] = UInt8(ascii: ":")
                count += 2
                index += bestLength
                continue
            }
            if index > 0 && index != bestStart + bestLength {
                buffer[count] = UInt8(ascii: ":")
                count += 1
            }
            let value = group(index)
            var shift = 12
            while shift > 0 && value >> UInt16(shift) == 0 { shift -= 4 }
            while shift >= 0 {
                buffer[count] = hexDigit(UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0xF)
                count += 1
                shift -= 4
            }
            index += 1
        }
        return count
    }

    /// Appends the text form to `output` without building a `String`.
    public func write(into output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumTextLength) { buffer in
            let count = write(to: buffer)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Parses dotted IPv4 or textual IPv6.
    public init?(_ text: String) {
        if !text.contains(":") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var value: UInt32 = 0
            for part in parts {
                guard let byte = UInt8(part) else { return nil }
                value = value << 8 | UInt32(byte)
            }
            self.init(ipv4: value)
            return
        }
        let halves = Self.splitDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(all[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(all[index]) }
        self.init(high: high, low: low)
    }

    private static func splitDoubleColon(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousColon = false
        for character in text {
            if character == ":" && previousColon {
                current.removeLast()
                parts.append(current)
                current = ""
                previousColon = false
                continue
            }
            current.append(character)
            previousColon = character == ":"
        }
        parts.append(current)
        return parts
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}

/// Lowercase hex digit of a value below 16.
@inline(__always)
private func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}
