import BinaryParsing

/// The MBAP header that precedes every PDU on TCP and UDP (MODBUS Messaging on TCP/IP
/// Implementation Guide v1.0b §3.1.3):
///
///     transaction identifier  2 bytes  pairs a response with its request
///     protocol identifier     2 bytes  0 = MODBUS
///     length                  2 bytes  bytes that follow: unit identifier + PDU
///     unit identifier         1 byte   the server behind a gateway
public struct ModbusApplicationHeader: Sendable, Equatable {
    public var transactionID: UInt16
    public var protocolID: UInt16
    public var length: UInt16
    public var unitID: UInt8

    /// Header bytes, the unit identifier included.
    public static let size = 7
    /// Bytes needed to know where the ADU ends (up to and including the length field).
    public static let framingPrefix = 6
    /// Unit identifier + a function code.
    public static let minimumLength = 2
    /// Unit identifier + the largest PDU, 253 bytes (Application Protocol v1.1b3 §4.1).
    public static let specifiedLengthLimit = 254
    /// Largest length field still decoded (flagged `modbus.oversized_adu` above 254): real
    /// Schneider traffic carries 255, and tshark decodes any length. Bounds the stream buffer.
    public static let tolerantLengthLimit = 1024
    /// Largest ADU the decoder buffers.
    public static let maximumADULength = framingPrefix + tolerantLengthLimit

    /// Bytes of the whole ADU, header included.
    public var aduLength: Int { Self.framingPrefix + Int(length) }

    /// Reads a header; `nil` when fewer than 7 bytes are present.
    public static func read(_ reader: inout ByteReader) -> ModbusApplicationHeader? {
        guard reader.remaining >= size,
            let transactionID = reader.readUInt16(),
            let protocolID = reader.readUInt16(),
            let length = reader.readUInt16(),
            let unitID = reader.readUInt8()
        else { return nil }
        return ModbusApplicationHeader(
            transactionID: transactionID, protocolID: protocolID, length: length, unitID: unitID)
    }

    /// Where an ADU ends, judged from its protocol identifier and length field.
    public enum Framing: Sendable, Equatable {
        /// The ADU is `length` bytes; `oversized` when the length field exceeds the specification.
        case adu(length: Int, oversized: Bool)
        /// Not MODBUS, or a length no ADU can have: the stream cannot be framed.
        case invalid
    }

    public static func framing(protocolID: UInt16, length: UInt16) -> Framing {
        let length = Int(length)
        guard protocolID == 0, (minimumLength...tolerantLengthLimit).contains(length) else { return .invalid }
        return .adu(length: framingPrefix + length, oversized: length > specifiedLengthLimit)
    }

    /// Framing of the bytes at the start of `view`; `nil` when fewer than 6 bytes are present.
    public static func framing(of view: ByteView) -> Framing? {
        guard let protocolID = view.getUInt16(at: 2), let length = view.getUInt16(at: 4) else { return nil }
        return framing(protocolID: protocolID, length: length)
    }
}
