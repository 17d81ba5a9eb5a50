import BinaryParsing

/// Builds BACnet/IP messages (ASHRAE 135-2020) for the traffic simulator: a BVLC header (Annex J.2),
/// an NPDU (§6.2) and an APDU (§20.1), ready for a UDP datagram to port 47808. The services are in
/// `BACnetEncoder+Services.swift`; this file holds the layers and the tag encoding (§20.2).
public enum BACnetEncoder {
    public static let port: UInt16 = 47808

    /// Annex J.2 BVLC functions.
    public enum BVLCFunction {
        public static let originalUnicast: UInt8 = 0x0A
        public static let originalBroadcast: UInt8 = 0x0B
    }

    /// §21 BACnetObjectType values the simulator uses.
    public enum ObjectType {
        public static let analogInput: UInt16 = 0
        public static let analogOutput: UInt16 = 1
        public static let analogValue: UInt16 = 2
        public static let binaryInput: UInt16 = 3
        public static let binaryOutput: UInt16 = 4
        public static let binaryValue: UInt16 = 5
        public static let device: UInt16 = 8
        public static let multiStateValue: UInt16 = 19
    }

    /// §21 BACnetPropertyIdentifier values the simulator uses.
    public enum PropertyIdentifier {
        public static let applicationSoftwareVersion: UInt32 = 12
        public static let description: UInt32 = 28
        public static let firmwareRevision: UInt32 = 44
        public static let modelName: UInt32 = 70
        public static let objectIdentifier: UInt32 = 75
        public static let objectName: UInt32 = 77
        public static let presentValue: UInt32 = 85
        public static let vendorIdentifier: UInt32 = 120
        public static let vendorName: UInt32 = 121
    }

    /// §21 BACnetSegmentation.
    public enum Segmentation {
        public static let segmentedBoth: UInt8 = 0
        public static let segmentedTransmit: UInt8 = 1
        public static let segmentedReceive: UInt8 = 2
        public static let noSegmentation: UInt8 = 3
    }

    /// §20.1.2.5 max-APDU-length-accepted codes: 0 = 50, 1 = 128, 2 = 206, 3 = 480, 4 = 1024, 5 = 1476 octets.
    public enum MaxAPDU {
        public static let octets480: UInt8 = 3
        public static let octets1024: UInt8 = 4
        public static let octets1476: UInt8 = 5
    }

    /// An object: its type and instance number (22 bits).
    public struct ObjectIdentifier: Sendable, Equatable {
        public var type: UInt16
        public var instance: UInt32

        public init(type: UInt16, instance: UInt32) {
            self.type = type
            self.instance = instance
        }

        public static func device(_ instance: UInt32) -> ObjectIdentifier {
            ObjectIdentifier(type: ObjectType.device, instance: instance)
        }

        /// §20.2.14: 10-bit type, 22-bit instance.
        var encoded: UInt32 { UInt32(type & 0x3FF) << 22 | instance & 0x3F_FFFF }
    }

    /// A property value, written with its application tag (§20.2.1-20.2.14).
    public enum Value: Sendable, Equatable {
        case null
        case boolean(Bool)
        case unsigned(UInt32)
        case real(Float)
        case double(Double)
        /// Character string in UTF-8 (character set 0), as current stacks send it.
        case characterString(String)
        /// Character string in UCS-2 big-endian (character set 4), as some older devices send it.
        case ucs2String(String)
        case enumerated(UInt32)
        case objectIdentifier(ObjectIdentifier)
    }

    // MARK: layers

    /// Annex J.2: type 0x81, function, length of the whole BVLL.
    public static func bvlc(function: UInt8, npdu: [UInt8]) -> [UInt8] {
        let length = UInt16(npdu.count + 4)
        return [0x81, function, UInt8(length >> 8), UInt8(length & 0xFF)] + npdu
    }

    /// §6.2 NPDU: version 1 and the control octet. A global broadcast names DNET 0xFFFF with an empty
    /// DADR and hop count 255; `expectingReply` is set for confirmed requests.
    public static func npdu(apdu: [UInt8], expectingReply: Bool = false, globalBroadcast: Bool = false) -> [UInt8] {
        var control: UInt8 = expectingReply ? 0x04 : 0
        if globalBroadcast { control |= 0x20 }
        var bytes: [UInt8] = [0x01, control]
        if globalBroadcast { bytes += [0xFF, 0xFF, 0x00, 0xFF] }  // DNET, DLEN 0, hop count
        return bytes + apdu
    }

    /// A whole message: BVLC (unicast or broadcast) + NPDU + APDU.
    static func message(
        _ apdu: [UInt8], expectingReply: Bool = false, broadcast: Bool = false, globalBroadcast: Bool = false
    ) -> [UInt8] {
        bvlc(
            function: broadcast ? BVLCFunction.originalBroadcast : BVLCFunction.originalUnicast,
            npdu: npdu(apdu: apdu, expectingReply: expectingReply, globalBroadcast: globalBroadcast))
    }

    // MARK: tags (§20.2)

    /// A tag header: tag number, class, and length/value/type (extended lengths as §20.2.1.3.1).
    static func appendTag(_ number: UInt8, context: Bool, length: Int, to writer: inout ByteWriter) {
        var first: UInt8 = (number <= 14 ? number << 4 : 0xF0) | (context ? 0x08 : 0)
        if length <= 4 {
            first |= UInt8(length)
            writer.append(first)
            if number > 14 { writer.append(number) }
            return
        }
        writer.append(first | 0x05)
        if number > 14 { writer.append(number) }
        if length <= 253 {
            writer.append(UInt8(length))
        } else if length <= 0xFFFF {
            writer.append(254)
            writer.append(bigEndian: UInt16(length))
        } else {
            writer.append(255)
            writer.append(bigEndian: UInt32(length))
        }
    }

    /// Unsigned and enumerated contents: the fewest octets that hold the value.
    static func minimalBytes(_ value: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        return bytes
    }

    static func appendContext(_ number: UInt8, unsigned value: UInt32, to writer: inout ByteWriter) {
        let bytes = minimalBytes(value)
        appendTag(number, context: true, length: bytes.count, to: &writer)
        writer.append(bytes)
    }

    static func appendContext(_ number: UInt8, object: ObjectIdentifier, to writer: inout ByteWriter) {
        appendTag(number, context: true, length: 4, to: &writer)
        writer.append(bigEndian: object.encoded)
    }

    static func appendContext(_ number: UInt8, characterString text: String, to writer: inout ByteWriter) {
        let bytes = Array(text.utf8)
        appendTag(number, context: true, length: bytes.count + 1, to: &writer)
        writer.append(0)  // character set: UTF-8
        writer.append(bytes)
    }

    static func appendOpening(_ number: UInt8, to writer: inout ByteWriter) { writer.append(number << 4 | 0x0E) }
    static func appendClosing(_ number: UInt8, to writer: inout ByteWriter) { writer.append(number << 4 | 0x0F) }

    /// `value` with its application tag.
    static func append(_ value: Value, to writer: inout ByteWriter) {
        switch value {
        case .null:
            appendTag(0, context: false, length: 0, to: &writer)
        case .boolean(let flag):
            appendTag(1, context: false, length: flag ? 1 : 0, to: &writer)  // the value sits in the tag
        case .unsigned(let number):
            let bytes = minimalBytes(number)
            appendTag(2, context: false, length: bytes.count, to: &writer)
            writer.append(bytes)
        case .real(let number):
            appendTag(4, context: false, length: 4, to: &writer)
            writer.append(bigEndian: number.bitPattern)
        case .double(let number):
            appendTag(5, context: false, length: 8, to: &writer)
            writer.append(bigEndian: number.bitPattern)
        case .characterString(let text):
            let bytes = Array(text.utf8)
            appendTag(7, context: false, length: bytes.count + 1, to: &writer)
            writer.append(0)
            writer.append(bytes)
        case .ucs2String(let text):
            let units = Array(text.utf16)
            appendTag(7, context: false, length: units.count * 2 + 1, to: &writer)
            writer.append(4)
            for unit in units { writer.append(bigEndian: unit) }
        case .enumerated(let number):
            let bytes = minimalBytes(number)
            appendTag(9, context: false, length: bytes.count, to: &writer)
            writer.append(bytes)
        case .objectIdentifier(let object):
            appendTag(12, context: false, length: 4, to: &writer)
            writer.append(bigEndian: object.encoded)
        }
    }
}
