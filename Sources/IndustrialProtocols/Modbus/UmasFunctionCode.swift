import EventModel

/// Schneider Electric UMAS, carried in Modbus function 90. Not publicly specified; the layout and
/// names follow the public analyses of Modicon M340/M580 traffic (Kaspersky ICS CERT "The Secrets
/// of Schneider Electric's UMAS Protocol", 2022; Wireshark/plcscan dissectors):
///
///     request:  0x5A | pairing key (1) | UMAS function (1) | data
///     response: 0x5A | pairing key (1) | 0xFE success or 0xFD error (1) | data
public struct UmasFunctionCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let startPLC = Self(rawValue: 0x40)
    public static let stopPLC = Self(rawValue: 0x41)

    /// Status byte of a response.
    public static let successStatus: UInt8 = 0xFE
    public static let errorStatus: UInt8 = 0xFD

    public var name: StaticString {
        switch rawValue {
        case 0x01: "INIT_COMM"
        case 0x02: "READ_ID"
        case 0x03: "READ_PROJECT_INFO"
        case 0x04: "READ_PLC_INFO"
        case 0x06: "READ_CARD_INFO"
        case 0x0A: "REPEAT"
        case 0x10: "TAKE_PLC_RESERVATION"
        case 0x11: "RELEASE_PLC_RESERVATION"
        case 0x12: "KEEP_ALIVE"
        case 0x20: "READ_MEMORY_BLOCK"
        case 0x22: "READ_VARIABLES"
        case 0x23: "WRITE_VARIABLES"
        case 0x24: "READ_COILS_REGISTERS"
        case 0x25: "WRITE_COILS_REGISTERS"
        case 0x30: "INITIALIZE_UPLOAD"
        case 0x31: "UPLOAD_BLOCK"
        case 0x32: "END_STRATEGY_UPLOAD"
        case 0x33: "INITIALIZE_DOWNLOAD"
        case 0x34: "DOWNLOAD_BLOCK"
        case 0x35: "END_STRATEGY_DOWNLOAD"
        case 0x39: "READ_ETH_MASTER_DATA"
        case 0x40: "START_PLC"
        case 0x41: "STOP_PLC"
        case 0x50: "MONITOR_PLC"
        case 0x58: "CHECK_PLC"
        case 0x70: "READ_IO_OBJECT"
        case 0x71: "WRITE_IO_OBJECT"
        case 0x73: "GET_STATUS_MODULE"
        default: "UMAS"
        }
    }

    /// Start/stop change the PLC's run state (control); upload/download move the program
    /// (program, whichever way); reservations and keep-alives hold an engineering session;
    /// identification reads are discovery.
    public var operation: Operation {
        switch rawValue {
        case 0x01, 0x10, 0x11, 0x12: .session
        case 0x02, 0x03, 0x04, 0x06: .discovery
        case 0x0A, 0x58, 0x73: .diagnostic
        case 0x20, 0x22, 0x24, 0x39, 0x50, 0x70: .read
        case 0x23, 0x25, 0x71: .write
        case 0x30...0x35: .program
        case 0x40, 0x41: .control
        default: .other
        }
    }
}
