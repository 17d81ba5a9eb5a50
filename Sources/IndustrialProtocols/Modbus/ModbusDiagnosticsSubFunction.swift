import EventModel

/// The sub-function of Diagnostics, function 8 (Application Protocol v1.1b3 §6.8.1), echoed by a
/// normal response.
public struct ModbusDiagnosticsSubFunction: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let returnQueryData = Self(rawValue: 0x00)
    public static let restartCommunicationsOption = Self(rawValue: 0x01)
    public static let forceListenOnlyMode = Self(rawValue: 0x04)

    /// The specification's name, as tshark shows it too ("Diagnostics" for codes §6.8.1 leaves out).
    public var name: StaticString {
        switch rawValue {
        case 0x00: "Return Query Data"
        case 0x01: "Restart Communications Option"
        case 0x02: "Return Diagnostic Register"
        case 0x03: "Change ASCII Input Delimiter"
        case 0x04: "Force Listen Only Mode"
        case 0x0A: "Clear Counters and Diagnostic Register"
        case 0x0B: "Return Bus Message Count"
        case 0x0C: "Return Bus Communication Error Count"
        case 0x0D: "Return Bus Exception Error Count"
        case 0x0E: "Return Server Message Count"
        case 0x0F: "Return Server No Response Count"
        case 0x10: "Return Server NAK Count"
        case 0x11: "Return Server Busy Count"
        case 0x12: "Return Bus Character Overrun Count"
        case 0x14: "Clear Overrun Counter and Flag"
        default: "Diagnostics"
        }
    }

    /// Restarting the port and silencing the device change its state: control. The rest observe.
    public var operation: Operation {
        switch rawValue {
        case 0x01, 0x04: .control
        default: .diagnostic
        }
    }
}
