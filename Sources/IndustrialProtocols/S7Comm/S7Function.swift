import EventModel

/// A job / ack-data parameter function code (packet-s7comm.c `param_functionnames`). Any byte is
/// representable; names and the operation derive from it.
struct S7Function: RawRepresentable, Hashable, Sendable {
    let rawValue: UInt8

    static let cpuServices = S7Function(rawValue: 0x00)
    static let setupCommunication = S7Function(rawValue: 0xF0)
    static let readVariable = S7Function(rawValue: 0x04)
    static let writeVariable = S7Function(rawValue: 0x05)
    static let requestDownload = S7Function(rawValue: 0x1A)
    static let downloadBlock = S7Function(rawValue: 0x1B)
    static let downloadEnded = S7Function(rawValue: 0x1C)
    static let startUpload = S7Function(rawValue: 0x1D)
    static let upload = S7Function(rawValue: 0x1E)
    static let endUpload = S7Function(rawValue: 0x1F)
    static let piService = S7Function(rawValue: 0x28)
    static let plcStop = S7Function(rawValue: 0x29)

    var name: StaticString {
        switch rawValue {
        case 0x00: "CPU services"
        case 0xF0: "Setup communication"
        case 0x04: "Read Var"
        case 0x05: "Write Var"
        case 0x1A: "Request download"
        case 0x1B: "Download block"
        case 0x1C: "Download ended"
        case 0x1D: "Start upload"
        case 0x1E: "Upload"
        case 0x1F: "End upload"
        case 0x28: "PI-Service"
        case 0x29: "PLC Stop"
        default: ""
        }
    }

    /// What the function does to the PLC. PI-Service depends on the service name (see
    /// `S7PIService.operation`), so this is its default.
    var operation: Operation {
        switch rawValue {
        case 0xF0: .session
        case 0x04: .read
        case 0x05: .write
        case 0x1A...0x1F: .program
        case 0x29: .control
        default: .other
        }
    }

    /// Functions whose parameter carries a block filename (packet-s7comm.c
    /// `s7comm_decode_plc_controls_updownload`: request download, download block, download
    /// ended, start upload).
    var carriesFilename: Bool { (0x1A...0x1D).contains(rawValue) }
}
