import EventModel

/// An application-layer function code (IEEE 1815-2012 §4.2.2). Any octet is
/// representable; the name and operation are derived from it.
public struct DNP3FunctionCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let confirm = DNP3FunctionCode(rawValue: 0)
    public static let read = DNP3FunctionCode(rawValue: 1)
    public static let write = DNP3FunctionCode(rawValue: 2)
    public static let select = DNP3FunctionCode(rawValue: 3)
    public static let operate = DNP3FunctionCode(rawValue: 4)
    public static let directOperate = DNP3FunctionCode(rawValue: 5)
    public static let directOperateNoAck = DNP3FunctionCode(rawValue: 6)
    public static let coldRestart = DNP3FunctionCode(rawValue: 13)
    public static let warmRestart = DNP3FunctionCode(rawValue: 14)
    public static let openFile = DNP3FunctionCode(rawValue: 25)
    public static let response = DNP3FunctionCode(rawValue: 129)
    public static let unsolicitedResponse = DNP3FunctionCode(rawValue: 130)
    public static let authenticationResponse = DNP3FunctionCode(rawValue: 131)

    /// Responses carry the internal indications after the function code (§4.2.2).
    public var carriesIIN: Bool { rawValue >= 129 && rawValue <= 131 }

    public var isKnown: Bool { rawValue <= 33 || carriesIIN }

    /// Who sends it: 129 and 131 answer a request, 130 is spontaneous, the rest are requests.
    public var direction: EventDirection {
        switch rawValue {
        case 129, 131: .response
        case 130: .unsolicited
        default: .request
        }
    }

    /// Wireshark's names (`dnp3.al.func`), so that events read like tshark's Info column.
    public var name: StaticString {
        switch rawValue {
        case 0: "Confirm"
        case 1: "Read"
        case 2: "Write"
        case 3: "Select"
        case 4: "Operate"
        case 5: "Direct Operate"
        case 6: "Direct Operate No Ack"
        case 7: "Immediate Freeze"
        case 8: "Immediate Freeze No Ack"
        case 9: "Freeze and Clear"
        case 10: "Freeze and Clear No ACK"
        case 11: "Freeze With Time"
        case 12: "Freeze With Time No ACK"
        case 13: "Cold Restart"
        case 14: "Warm Restart"
        case 15: "Initialize Data"
        case 16: "Initialize Application"
        case 17: "Start Application"
        case 18: "Stop Application"
        case 19: "Save Configuration"
        case 20: "Enable Spontaneous Messages"
        case 21: "Disable Spontaneous Messages"
        case 22: "Assign Classes"
        case 23: "Delay Measurement"
        case 24: "Record Current Time"
        case 25: "Open File"
        case 26: "Close File"
        case 27: "Delete File"
        case 28: "Get File Info"
        case 29: "Authenticate File"
        case 30: "Abort File"
        case 31: "Activate Config"
        case 32: "Authentication Request"
        case 33: "Authentication Error"
        case 129: "Response"
        case 130: "Unsolicited Response"
        case 131: "Authentication Response"
        default: "Unknown"
        }
    }

    /// What a request does to the outstation (the `operation` vocabulary of palisade.event/1):
    /// - commands to outputs (select/operate, CROB g12, analog outputs g41) and freezes change
    ///   values: `write`;
    /// - restarts, initialise, start/stop application: `control`;
    /// - Open, Delete and Authenticate File, save and activate configuration: `program` (an Open
    ///   File in read mode only reads: `read`, decided from its g70v3 object); Get File Info:
    ///   `read`; Close and Abort File end a transfer whose Open already said what it was: `other`;
    /// - assign class, delay measurement, record current time: `diagnostic`;
    /// - secure authentication: `session`; unsolicited responses: `data`; confirm and enable or
    ///   disable unsolicited: `other`. Responses take their request's operation when paired.
    public var operation: Operation {
        switch rawValue {
        case 1: .read
        case 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12: .write
        case 13, 14, 15, 16, 17, 18: .control
        case 19, 25, 27, 29, 31: .program
        case 28: .read
        case 22, 23, 24: .diagnostic
        case 32, 33, 131: .session
        case 130: .data
        default: .other
        }
    }
}
