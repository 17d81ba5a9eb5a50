import EventModel
import BinaryParsing

/// Domain names (RFC 1035 §3.1, §4.1.4): labels, or a pointer to an earlier name. Reading is
/// bounded by `maximumPointers` jumps, 63-octet labels and 255-octet names.
enum DNSName {
    static let maximumPointers = 32
    static let maximumLength = 255

    enum Outcome {
        /// Offset just past the name where it appears (not where pointers lead).
        case name(end: Int)
        case malformed(Anomaly)
    }

    /// Reads the name at `offset` of `message`, appending its dotted text to `text` when given.
    static func read(_ message: ByteView, at offset: Int, into text: inout TextBuilder, collect: Bool = true) -> Outcome
    {
        var position = offset
        var end = -1
        var jumps = 0
        var length = 0
        var labels = 0
        while true {
            guard let byte = message.getUInt8(at: position) else {
                return .malformed(Anomaly(DNSAnomaly.recordOverrun, "name past the end"))
            }
            switch byte & 0xC0 {
            case 0xC0:
                guard let low = message.getUInt8(at: position + 1) else {
                    return .malformed(Anomaly(DNSAnomaly.recordOverrun, "pointer past the end"))
                }
                if end < 0 { end = position + 2 }
                jumps += 1
                let target = Int(byte & 0x3F) << 8 | Int(low)
                guard jumps <= maximumPointers, target < position else {
                    return .malformed(Anomaly(DNSAnomaly.pointerLoop, "compression pointer loop", value: Int64(target)))
                }
                position = target
            case 0x00:
                if byte == 0 {
                    if labels == 0, collect { text.append("<Root>") }
                    return .name(end: end < 0 ? position + 1 : end)
                }
                guard let label = message.slice(from: position + 1, count: Int(byte)) else {
                    return .malformed(Anomaly(DNSAnomaly.recordOverrun, "label past the end"))
                }
                length += Int(byte) + 1
                guard length <= maximumLength else {
                    return .malformed(Anomaly(DNSAnomaly.nameTooLong, "name longer than 255", value: Int64(length)))
                }
                if collect {
                    if labels > 0 { text.appendByte(UInt8(ascii: ".")) }
                    text.appendLabel(label)
                }
                labels += 1
                position += 1 + Int(byte)
            default:
                return .malformed(Anomaly(DNSAnomaly.badLabel, "reserved label type", value: Int64(byte)))
            }
        }
    }

    /// The first label of the name at `offset` (following pointers), for NetBIOS names.
    static func firstLabel(_ message: ByteView, at offset: Int) -> ByteView? {
        var position = offset
        for _ in 0...maximumPointers {
            guard let byte = message.getUInt8(at: position) else { return nil }
            if byte & 0xC0 == 0xC0 {
                guard let low = message.getUInt8(at: position + 1) else { return nil }
                let target = Int(byte & 0x3F) << 8 | Int(low)
                guard target < position else { return nil }
                position = target
                continue
            }
            guard byte & 0xC0 == 0, byte > 0 else { return nil }
            return message.slice(from: position + 1, count: Int(byte))
        }
        return nil
    }
}

extension TextBuilder {
    /// A label's octets; bytes outside printable ASCII as '.' (names are not parsed further).
    mutating func appendLabel(_ label: ByteView) {
        for index in 0..<label.count {
            let byte = label[index]
            appendByte((0x21...0x7E).contains(byte) || byte == 0x20 ? byte : UInt8(ascii: "."))
        }
    }

    /// IPv6 text (RFC 5952: lower case, longest zero run of two or more groups as "::").
    mutating func appendIPv6(_ bytes: ByteView) {
        guard bytes.count == 16 else { return }
        var groups: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &groups) { raw in
            let buffer = raw.bindMemory(to: UInt16.self)
            for index in 0..<8 { buffer[index] = bytes.getUInt16(at: index * 2) ?? 0 }
        }
        withUnsafeBytes(of: &groups) { raw in
            let group = raw.bindMemory(to: UInt16.self)
            var bestStart = -1
            var bestLength = 0
            var runStart = -1
            for index in 0...8 {
                if index < 8, group[index] == 0 {
                    if runStart < 0 { runStart = index }
                } else if runStart >= 0 {
                    if index - runStart > bestLength {
                        bestStart = runStart
                        bestLength = index - runStart
                    }
                    runStart = -1
                }
            }
            if bestLength < 2 { bestStart = -1 }
            var index = 0
            while index < 8 {
                if index == bestStart {
                    append("::")
                    index += bestLength
                    continue
                }
                if index > 0, index != bestStart + bestLength || bestStart < 0 { appendByte(UInt8(ascii: ":")) }
                appendHexGroup(group[index])
                index += 1
            }
        }
    }

    mutating func appendHexGroup(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int(value >> UInt16(shift) & 0xF)
            if nibble != 0 || started || shift == 0 {
                appendByte(digits.utf8Start[nibble])
                started = true
            }
        }
    }
}
