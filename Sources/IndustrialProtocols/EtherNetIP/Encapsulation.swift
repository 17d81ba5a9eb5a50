import BinaryParsing
import EventModel

/// Encapsulation header, CIP Vol. 2 §2-3.1: 24 bytes, little-endian.
struct EncapsulationHeader {
    static let size = 24

    var command: UInt16
    /// Bytes of command-specific data after the header.
    var length: UInt16
    var sessionHandle: UInt32
    var status: UInt32
    /// Opaque to the target; echoed in the reply (used here to pair SendRRData).
    var senderContext: UInt64
    var options: UInt32

    init?(_ bytes: ByteView) {
        var reader = ByteReader(bytes)
        guard let command = reader.readUInt16(bigEndian: false),
            let length = reader.readUInt16(bigEndian: false),
            let session = reader.readUInt32(bigEndian: false),
            let status = reader.readUInt32(bigEndian: false),
            let context = reader.readUInt64(bigEndian: false),
            let options = reader.readUInt32(bigEndian: false)
        else { return nil }
        self.command = command
        self.length = length
        self.sessionHandle = session
        self.status = status
        self.senderContext = context
        self.options = options
    }
}

/// Encapsulation commands, CIP Vol. 2 §2-3.2 (names as Wireshark shows them).
enum EncapsulationCommand {
    static let nop: UInt16 = 0x0000
    static let listServices: UInt16 = 0x0004
    static let listIdentity: UInt16 = 0x0063
    static let listInterfaces: UInt16 = 0x0064
    static let registerSession: UInt16 = 0x0065
    static let unregisterSession: UInt16 = 0x0066
    static let sendRRData: UInt16 = 0x006F
    static let sendUnitData: UInt16 = 0x0070
    static let indicateStatus: UInt16 = 0x0072
    static let cancel: UInt16 = 0x0073

    static func isKnown(_ command: UInt16) -> Bool {
        switch command {
        case nop, listServices, listIdentity, listInterfaces, registerSession, unregisterSession, sendRRData,
            sendUnitData, indicateStatus, cancel:
            true
        default: false
        }
    }

    static func name(_ command: UInt16) -> StaticString {
        switch command {
        case nop: "NOP"
        case listServices: "List Services"
        case listIdentity: "List Identity"
        case listInterfaces: "List Interfaces"
        case registerSession: "Register Session"
        case unregisterSession: "Unregister Session"
        case sendRRData: "Send RR Data"
        case sendUnitData: "Send Unit Data"
        case indicateStatus: "Indicate Status"
        case cancel: "Cancel"
        default: "Unknown Command"
        }
    }

    /// The encapsulation event's operation; the CIP events inside SendRRData/SendUnitData carry
    /// the operation of what they do.
    static func operation(_ command: UInt16) -> Operation {
        switch command {
        case listServices, listIdentity, listInterfaces: .discovery
        case registerSession, unregisterSession: .session
        default: .other
        }
    }
}

/// Encapsulation status codes, CIP Vol. 2 Table 2-3.3.
enum EncapsulationStatus {
    static func name(_ status: UInt32) -> StaticString {
        switch status {
        case 0x0000: "Success"
        case 0x0001: "Invalid or unsupported command"
        case 0x0002: "Insufficient memory"
        case 0x0003: "Poorly formed or incorrect data"
        case 0x0064: "Invalid session handle"
        case 0x0065: "Invalid length"
        case 0x0069: "Unsupported encapsulation protocol revision"
        default: "Unknown status"
        }
    }
}

/// Common Packet Format item type ids, CIP Vol. 2 §2-6.
enum CPFItemType {
    static let nullAddress: UInt16 = 0x0000
    static let listIdentity: UInt16 = 0x000C
    static let connectionBased: UInt16 = 0x00A1
    static let connectedData: UInt16 = 0x00B1
    static let unconnectedData: UInt16 = 0x00B2
    static let listServices: UInt16 = 0x0100
    static let sockaddrOriginatorToTarget: UInt16 = 0x8000
    static let sockaddrTargetToOriginator: UInt16 = 0x8001
    static let sequencedAddress: UInt16 = 0x8002
}
