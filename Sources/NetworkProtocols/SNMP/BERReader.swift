import BinaryParsing
import EventModel

/// A minimal BER reader (ITU-T X.690 §8.1) for SNMP's fixed message shape: single-byte tags only,
/// definite lengths of at most `maximumLengthOctets` octets. Every element bounds the reader of its
/// contents, so a bad length can never reach outside the datagram. SNMP nests a fixed number of
/// levels (message, PDU, varbind list, varbind), so the decoder walks them iteratively; there is no
/// recursion to cap.
struct BERElement {
    var tag: UInt8
    var value: ByteView
}

extension ByteReader {
    /// Long-form lengths longer than this are not SNMP (datagrams are < 64 KiB).
    static let maximumLengthOctets = 3

    /// The next element, or `nil` (reader unmoved) when it is malformed or runs past the end.
    mutating func readBERElement() -> BERElement? {
        let start = offset
        guard let tag = readUInt8(), tag & 0x1F != 0x1F, let first = readUInt8() else {
            offset = start
            return nil
        }
        var length = Int(first)
        if first & 0x80 != 0 {
            let octets = Int(first & 0x7F)
            guard octets >= 1, octets <= Self.maximumLengthOctets else {
                offset = start
                return nil
            }
            length = 0
            for _ in 0..<octets {
                guard let byte = readUInt8() else {
                    offset = start
                    return nil
                }
                length = length << 8 | Int(byte)
            }
        }
        guard let value = readView(count: length) else {
            offset = start
            return nil
        }
        return BERElement(tag: tag, value: value)
    }

    /// An element that must carry `tag`.
    mutating func readBERElement(tag expected: UInt8) -> ByteView? {
        let start = offset
        guard let element = readBERElement(), element.tag == expected else {
            offset = start
            return nil
        }
        return element.value
    }

    /// An INTEGER (two's complement, 1…8 octets).
    mutating func readBERInteger() -> Int64? {
        let start = offset
        guard let value = readBERElement(tag: 0x02), let number = berInteger(value) else {
            offset = start
            return nil
        }
        return number
    }
}

func berInteger(_ value: ByteView) -> Int64? {
    guard value.count >= 1, value.count <= 8 else { return nil }
    var number: Int64 = value[0] & 0x80 != 0 ? -1 : 0
    for index in 0..<value.count { number = number << 8 | Int64(value[index]) }
    return number
}

extension TextScratch {
    /// Most sub-identifiers printed for one OID (RFC 2578 §3.5 allows 128).
    static let maximumOIDComponents = 128

    /// Dotted OID text (X.690 §8.19); false when the encoding is invalid or over the cap.
    mutating func append(oid value: ByteView) -> Bool {
        guard !value.isEmpty else { return false }
        var index = 0
        var components = 0
        var first = true
        while index < value.count {
            var subidentifier: UInt64 = 0
            var octets = 0
            while true {
                guard index < value.count, octets < 9 else { return false }
                let byte = value[index]
                index += 1
                octets += 1
                subidentifier = subidentifier << 7 | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 { break }
            }
            components += 1
            if components > Self.maximumOIDComponents { return false }
            if first {
                // The first sub-identifier packs the first two arcs: 40 × X + Y, X ≤ 2.
                let arc = min(subidentifier / 40, 2)
                append(decimal: arc)
                append(byte: 0x2E)
                append(decimal: subidentifier - arc * 40)
                first = false
            } else {
                append(byte: 0x2E)
                append(decimal: subidentifier)
            }
        }
        return true
    }
}
