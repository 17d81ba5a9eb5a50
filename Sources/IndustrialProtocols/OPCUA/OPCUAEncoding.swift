import BinaryParsing

/// Readers for the OPC UA binary encoding (OPC 10000-6 §5.2): little-endian, length-prefixed
/// strings, NodeIds in six forms, ExtensionObjects. Every read is bounded by the chunk it reads
/// from; every recursion has a depth cap.
struct OPCUAReader {
    var reader: ByteReader

    init(_ view: ByteView) { reader = ByteReader(view) }

    /// Strings and byte strings longer than this are not plausible in the fields we read.
    static let maximumStringLength = 1 << 20

    mutating func uint8() -> UInt8? { reader.readUInt8() }
    mutating func uint16() -> UInt16? { reader.readUInt16(bigEndian: false) }
    mutating func uint32() -> UInt32? { reader.readUInt32(bigEndian: false) }
    mutating func int32() -> Int32? { reader.readUInt32(bigEndian: false).map { Int32(bitPattern: $0) } }
    mutating func skip(_ count: Int) -> Bool { reader.skip(count) }

    /// A String or ByteString (§5.2.2.4): Int32 length, -1 = null. `nil` when malformed.
    mutating func bytes() -> ByteView? {
        guard let length = int32() else { return nil }
        if length < 0 { return .empty }
        guard Int(length) <= Self.maximumStringLength else { return nil }
        return reader.readView(count: Int(length))
    }

    /// Skips `count` strings or byte strings (an array's elements); false when one is unreadable.
    mutating func skipByteStrings(_ count: Int32) -> Bool {
        // A `while`, not `for _ in 0..<count`: unoptimized builds step a range through the
        // generic iterator, which allocates.
        var remaining = count
        while remaining > 0 {
            guard bytes() != nil else { return false }
            remaining -= 1
        }
        return true
    }

    /// A NodeId (§5.2.2.9); ExpandedNodeId flags (0x80 namespace URI, 0x40 server index) included.
    /// Returns the numeric identifier when the id is numeric, and the textual form in `text`.
    mutating func nodeID(text: inout String?) -> (namespace: UInt16, numeric: UInt32?)? {
        guard let encoding = uint8() else { return nil }
        var result: (UInt16, UInt32?)
        switch encoding & 0x0F {
        case 0:
            guard let value = uint8() else { return nil }
            result = (0, UInt32(value))
        case 1:
            guard let namespace = uint8(), let value = uint16() else { return nil }
            result = (UInt16(namespace), UInt32(value))
        case 2:
            guard let namespace = uint16(), let value = uint32() else { return nil }
            result = (namespace, value)
        case 3:
            guard let namespace = uint16(), let string = bytes() else { return nil }
            result = (namespace, nil)
            text = "ns=\(namespace);s=" + String(decoding: string.array, as: UTF8.self)
        case 4:
            guard let namespace = uint16(), let guid = reader.readView(count: 16) else { return nil }
            result = (namespace, nil)
            text = "ns=\(namespace);g=" + guid.array.map { String($0, radix: 16) }.joined()
        case 5:
            guard let namespace = uint16(), let opaque = bytes() else { return nil }
            result = (namespace, nil)
            text = "ns=\(namespace);b=\(opaque.count) bytes"
        default:
            return nil
        }
        if encoding & 0x80 != 0 { guard bytes() != nil else { return nil } }
        if encoding & 0x40 != 0 { guard uint32() != nil else { return nil } }
        if let numeric = result.1, text == nil { text = result.0 == 0 ? "i=\(numeric)" : "ns=\(result.0);i=\(numeric)" }
        return result
    }

    mutating func skipNodeID() -> Bool {
        var ignored: String?
        return nodeID(text: &ignored) != nil
    }

    /// An ExtensionObject (§5.2.2.15): type NodeId, encoding byte, then a length-prefixed body.
    mutating func extensionObject() -> (type: UInt32?, body: ByteView)? {
        var ignored: String?
        guard let type = nodeID(text: &ignored), let encoding = uint8() else { return nil }
        switch encoding {
        case 0: return (type.numeric, .empty)
        case 1, 2:
            guard let body = bytes() else { return nil }
            return (type.numeric, body)
        default: return nil
        }
    }

    /// LocalizedText (§5.2.2.14): mask, optional locale, optional text.
    mutating func localizedText() -> ByteView? {
        guard let mask = uint8() else { return nil }
        if mask & 0x01 != 0 { guard bytes() != nil else { return nil } }
        if mask & 0x02 != 0 { return bytes() }
        return .empty
    }

    /// DiagnosticInfo (§5.2.2.12), recursive through the inner diagnostic info, depth-capped.
    mutating func skipDiagnosticInfo(depth: Int = 0) -> Bool {
        guard depth < 8, let mask = uint8() else { return false }
        if mask & 0x01 != 0 { guard skip(4) else { return false } }
        if mask & 0x02 != 0 { guard skip(4) else { return false } }
        if mask & 0x04 != 0 { guard skip(4) else { return false } }
        if mask & 0x08 != 0 { guard skip(4) else { return false } }
        if mask & 0x10 != 0 { guard bytes() != nil else { return false } }
        if mask & 0x20 != 0 { guard skip(4) else { return false } }
        if mask & 0x40 != 0 { return skipDiagnosticInfo(depth: depth + 1) }
        return true
    }

    /// RequestHeader (OPC 10000-4 §7.33).
    mutating func skipRequestHeader() -> Bool {
        guard skipNodeID(), skip(8 + 4 + 4), bytes() != nil, skip(4), extensionObject() != nil else { return false }
        return true
    }

    /// ResponseHeader (OPC 10000-4 §7.34); returns the ServiceResult status code.
    mutating func responseHeader() -> UInt32? {
        guard skip(8 + 4), let status = uint32(), skipDiagnosticInfo() else { return nil }
        guard let count = int32() else { return nil }
        if count > 0 {
            guard count < 4096 else { return nil }
            guard skipByteStrings(count) else { return nil }
        }
        guard extensionObject() != nil else { return nil }
        return status
    }

    /// ApplicationDescription (OPC 10000-4 §7.2): uri, product uri, name.
    mutating func applicationDescription() -> (uri: ByteView, product: ByteView, name: ByteView)? {
        guard let uri = bytes(), let product = bytes(), let name = localizedText(), skip(4), bytes() != nil,
            bytes() != nil, let urls = int32()
        else { return nil }
        if urls > 0 {
            guard urls < 1024 else { return nil }
            guard skipByteStrings(urls) else { return nil }
        }
        return (uri, product, name)
    }
}
