import BinaryParsing

/// ROSCTR, the S7comm PDU type (packet-s7comm.c `rosctr_names`).
struct S7ROSCTR: RawRepresentable, Hashable, Sendable {
    let rawValue: UInt8
    static let job = S7ROSCTR(rawValue: 1)
    static let ack = S7ROSCTR(rawValue: 2)
    static let ackData = S7ROSCTR(rawValue: 3)
    static let userdata = S7ROSCTR(rawValue: 7)

    var isKnown: Bool { self == .job || self == .ack || self == .ackData || self == .userdata }
    /// Ack and ack-data carry error class and code after the data length (12-byte header).
    var hasErrorFields: Bool { self == .ack || self == .ackData }
}

/// The S7comm header (packet-s7comm.c `dissect_s7comm`, "Header"): protocol id 0x32, ROSCTR,
/// redundancy id, PDU reference, parameter length, data length, and for ack/ack-data the error
/// class and code. Parameter and data blocks follow, bounded by their lengths.
struct S7Header {
    static let protocolID: UInt8 = 0x32

    var rosctr: S7ROSCTR
    var pduReference: UInt16
    var parameterLength: Int
    var dataLength: Int
    var errorClass: UInt8 = 0
    var errorCode: UInt8 = 0
    var parameters = ByteView.empty
    var data = ByteView.empty
    /// The lengths reach past the end of the PDU; the blocks hold what was there.
    var isTruncated = false

    var errorValue: Int { Int(errorClass) << 8 | Int(errorCode) }

    /// `nil` when the PDU is too short for a header or the ROSCTR is unknown.
    static func parse(_ pdu: ByteView) -> S7Header? {
        var reader = ByteReader(pdu)
        guard reader.readUInt8() == protocolID, let rosctrByte = reader.readUInt8(), reader.skip(2),
            let reference = reader.readUInt16(), let parameterLength = reader.readUInt16(),
            let dataLength = reader.readUInt16()
        else { return nil }
        let rosctr = S7ROSCTR(rawValue: rosctrByte)
        guard rosctr.isKnown else { return nil }
        var header = S7Header(
            rosctr: rosctr, pduReference: reference, parameterLength: Int(parameterLength),
            dataLength: Int(dataLength))
        if rosctr.hasErrorFields {
            guard let errorClass = reader.readUInt8(), let errorCode = reader.readUInt8() else { return nil }
            header.errorClass = errorClass
            header.errorCode = errorCode
        }
        let available = reader.remaining
        header.parameters = reader.readView(count: min(Int(parameterLength), available)) ?? .empty
        header.data = reader.readView(count: min(Int(dataLength), reader.remaining)) ?? .empty
        header.isTruncated = Int(parameterLength) + Int(dataLength) > available
        return header
    }

    /// Error class names (packet-s7comm.c `errcls_names`).
    static func errorClassName(_ errorClass: UInt8) -> StaticString {
        switch errorClass {
        case 0x00: "No error"
        case 0x81: "Application relationship"
        case 0x82: "Object definition"
        case 0x83: "No resources available"
        case 0x84: "Error on service processing"
        case 0x85: "Error on supplies"
        case 0x87: "Access error"
        default: "Unknown error class"
        }
    }

    /// Item return codes of read/write var responses (packet-s7comm.c `s7comm_item_return_valuenames`).
    static func itemReturnCodeName(_ code: UInt8) -> StaticString {
        switch code {
        case 0x00: "Reserved"
        case 0x01: "Hardware error"
        case 0x03: "Accessing the object not allowed"
        case 0x05: "Invalid address"
        case 0x06: "Data type not supported"
        case 0x07: "Data type inconsistent"
        case 0x0A: "Object does not exist"
        case 0xFF: "Success"
        default: "Unknown return code"
        }
    }
}
