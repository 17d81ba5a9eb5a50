import BinaryParsing
import EventModel
import PacketLayers

/// The address a reverse-mapping name encodes: `d.c.b.a.in-addr.arpa` (RFC 1035 §3.5) or 32 nibble
/// labels under `ip6.arpa` (RFC 3596 §2.5). Anything else (a classless delegation such as
/// `5.0/25.0.0.10.in-addr.arpa`, a partial zone, a service name) gives nil.
enum ReverseName {
    static func address(_ name: TextBuilder) -> IPAddress? {
        name.withBytes { address($0) }
    }

    static func address(_ name: ByteView) -> IPAddress? {
        if let labels = strip(name, suffix: ".in-addr.arpa") { return ipv4(labels) }
        if let labels = strip(name, suffix: ".ip6.arpa") { return ipv6(labels) }
        return nil
    }

    /// The name without `suffix` (compared case-insensitively, RFC 4343), or nil.
    private static func strip(_ name: ByteView, suffix: StaticString) -> ByteView? {
        // A trailing root dot is allowed.
        let trimmed = name.count > 0 && name[name.count - 1] == UInt8(ascii: ".") ? name.prefix(name.count - 1) : name
        let length = suffix.utf8CodeUnitCount
        guard trimmed.count > length else { return nil }
        let start = trimmed.count - length
        for index in 0..<length where lowercased(trimmed[start + index]) != suffix.utf8Start[index] { return nil }
        return trimmed.prefix(start)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Four decimal labels, least significant octet first.
    private static func ipv4(_ labels: ByteView) -> IPAddress? {
        var value: UInt32 = 0
        var octets = 0
        var current = 0
        var digits = 0
        for index in 0...labels.count {
            let byte = index < labels.count ? labels[index] : UInt8(ascii: ".")
            if byte == UInt8(ascii: ".") {
                guard digits > 0, digits <= 3, current <= 255, octets < 4 else { return nil }
                value |= UInt32(current) << UInt32(8 * octets)
                octets += 1
                current = 0
                digits = 0
            } else {
                guard (0x30...0x39).contains(byte) else { return nil }
                current = current * 10 + Int(byte - 0x30)
                digits += 1
            }
        }
        return octets == 4 ? IPAddress(ipv4: value) : nil
    }

    /// 32 one-nibble hex labels, least significant nibble first.
    private static func ipv6(_ labels: ByteView) -> IPAddress? {
        guard labels.count == 63 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for nibbleIndex in 0..<32 {
            let byte = lowercased(labels[nibbleIndex * 2])
            if nibbleIndex < 31 { guard labels[nibbleIndex * 2 + 1] == UInt8(ascii: ".") else { return nil } }
            let nibble: UInt64
            switch byte {
            case 0x30...0x39: nibble = UInt64(byte - 0x30)
            case 0x61...0x66: nibble = UInt64(byte - 0x61 + 10)
            default: return nil
            }
            // Label i holds nibble 31 - i of the address (most significant first).
            let position = 31 - nibbleIndex
            if position < 16 {
                high |= nibble << UInt64(4 * (15 - position))
            } else {
                low |= nibble << UInt64(4 * (31 - position))
            }
        }
        return IPAddress(high: high, low: low)
    }
}
