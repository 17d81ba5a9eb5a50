import BinaryParsing
import EventModel

/// A request path (EPATH), CIP Vol. 1 Appendix C: the class/instance/attribute it addresses and
/// any ANSI symbolic segments (Logix tag names). Only the first of each logical kind counts: port
/// segments and later hops are routing, not the target.
struct CIPPath {
    var classID: Int64 = -1
    var instanceID: Int64 = -1
    var attributeID: Int64 = -1
    var memberID: Int64 = -1
    var connectionPoint: Int64 = -1
    var symbolCount = 0
    /// The path bytes, for re-reading the symbols into an event's text.
    var bytes = ByteView.empty
    // Last: in the middle, the padding after it was copied with overlapping 4-byte moves that
    // stalled the next read of the struct (store forwarding) in every CIP request decode.
    var isMalformed = false

    init() {}

    /// Parses `bytes` (a padded EPATH: segments are word aligned) into this path. Never traps;
    /// stops at the first segment it cannot read and marks the path malformed. Mutating rather
    /// than an initializer: a returned path was copied into the caller's local with 16-byte moves
    /// that stalled on the parser's 8-byte stores (store forwarding), ~10% of a request decode.
    mutating func parse(_ bytes: ByteView) {
        self = CIPPath()
        self.bytes = bytes
        var reader = ByteReader(bytes)
        var segments = 0
        while !reader.isAtEnd {
            segments += 1
            guard segments <= EtherNetIPLimits.pathSegments, let segment = reader.readUInt8() else {
                isMalformed = true
                return
            }
            let ok: Bool
            switch segment & 0xE0 {
            case 0x00: ok = Self.skipPortSegment(segment, &reader)
            case 0x20: ok = readLogicalSegment(segment, &reader)
            case 0x40: ok = Self.skipNetworkSegment(segment, &reader)
            case 0x60: ok = Self.skipSymbolicSegment(segment, &reader)
            case 0x80: ok = readDataSegment(segment, &reader)
            default: ok = false  // data type segments do not belong in a request path
            }
            if !ok {
                isMalformed = true
                return
            }
        }
    }

    /// Logical segment (Appendix C-1.4.2): type in bits 2–4, format in bits 0–1.
    private mutating func readLogicalSegment(_ segment: UInt8, _ reader: inout ByteReader) -> Bool {
        let type = (segment >> 2) & 0x07
        let format = segment & 0x03
        if type == 5 {  // special: electronic key, format 0, key format 4 + 8 bytes
            guard format == 0, let keyFormat = reader.readUInt8(), keyFormat == 4 else { return false }
            return reader.skip(8)
        }
        if type == 7 { return false }  // extended logical: not used in request paths
        let value: Int64
        switch format {
        case 0:
            guard let byte = reader.readUInt8() else { return false }
            value = Int64(byte)
        case 1:
            guard reader.skip(1), let word = reader.readUInt16(bigEndian: false) else { return false }
            value = Int64(word)
        case 2:
            guard reader.skip(1), let double = reader.readUInt32(bigEndian: false) else { return false }
            value = Int64(double)
        default:
            return false
        }
        switch type {
        case 0: if classID < 0 { classID = value }
        case 1: if instanceID < 0 { instanceID = value }
        case 2: if memberID < 0 { memberID = value }
        case 3: if connectionPoint < 0 { connectionPoint = value }
        case 4: if attributeID < 0 { attributeID = value }
        default: break  // service id
        }
        return true
    }

    /// Port segment (Appendix C-1.4.1): routing to another port/link; not the target.
    private static func skipPortSegment(_ segment: UInt8, _ reader: inout ByteReader) -> Bool {
        let extendedAddress = segment & 0x10 != 0
        let extendedPort = segment & 0x0F == 0x0F
        if extendedAddress {
            guard let size = reader.readUInt8() else { return false }
            if extendedPort { guard reader.skip(2) else { return false } }
            let used = 2 + (extendedPort ? 2 : 0) + Int(size)
            return reader.skip(Int(size) + (used & 1))
        }
        if extendedPort { guard reader.skip(2) else { return false } }
        return reader.skip(1)
    }

    /// Network segment (Appendix C-1.4.3): one data byte, or a word count for the extended forms.
    private static func skipNetworkSegment(_ segment: UInt8, _ reader: inout ByteReader) -> Bool {
        if segment & 0x10 != 0 {
            guard let words = reader.readUInt8() else { return false }
            return reader.skip(Int(words) * 2)
        }
        return reader.skip(1)
    }

    /// Symbolic segment (Appendix C-1.4.4): size in the low 5 bits, padded to a word.
    private static func skipSymbolicSegment(_ segment: UInt8, _ reader: inout ByteReader) -> Bool {
        let size = Int(segment & 0x1F)
        guard size > 0 else { return false }
        return reader.skip(size + ((size + 1) & 1))
    }

    /// Data segment (Appendix C-1.4.5): simple data (word count) or ANSI extended symbol (0x91).
    private mutating func readDataSegment(_ segment: UInt8, _ reader: inout ByteReader) -> Bool {
        switch segment {
        case 0x80:
            guard let words = reader.readUInt8() else { return false }
            return reader.skip(Int(words) * 2)
        case 0x91:
            guard let length = reader.readUInt8() else { return false }
            guard reader.skip(Int(length) + Int(length & 1)) else { return false }
            symbolCount += 1
            return true
        default:
            return false
        }
    }

    /// The symbolic segments joined by "." (array indices are not included), copied into the
    /// batch arena. Consecutive appends are contiguous, so the parts form one reference.
    func symbolText(_ events: EventBatch) -> TextRef {
        guard symbolCount > 0, events.isCollecting else { return .none }
        var reader = ByteReader(bytes)
        var result = TextRef.none
        var parts = 0
        while let segment = reader.readUInt8() {
            switch segment & 0xE0 {
            case 0x80 where segment == 0x91:
                guard let length = reader.readUInt8(), let name = reader.readView(count: Int(length)) else {
                    return result
                }
                if length & 1 == 1 { _ = reader.skip(1) }
                if parts > 0 { _ = events.text(".") }
                let part = events.text(name)
                if parts == 0 {
                    result = part
                } else if !part.isEmpty {
                    result.length = part.offset &+ part.length &- result.offset
                }
                parts += 1
            case 0x80:
                guard let words = reader.readUInt8(), reader.skip(Int(words) * 2) else { return result }
            case 0x20:
                let format = segment & 0x03
                let length = format == 0 ? 1 : format == 1 ? 3 : format == 2 ? 5 : 0
                if (segment >> 2) & 0x07 == 5 {
                    guard reader.skip(9) else { return result }
                } else {
                    guard length > 0, reader.skip(length) else { return result }
                }
            default:
                return result  // routing before or after the tag: the tag is complete
            }
        }
        return result
    }
}
