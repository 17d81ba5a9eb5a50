import EventModel

/// A Modbus function code as it appears on the wire (Application Protocol v1.1b3 §5.1 "Function
/// Code Categories", §6 "Function codes descriptions"). Any byte is representable: the raw value is
/// kept and its meaning derived from it.
public struct ModbusFunctionCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let readCoils = Self(rawValue: 1)  // §6.1
    public static let readDiscreteInputs = Self(rawValue: 2)  // §6.2
    public static let readHoldingRegisters = Self(rawValue: 3)  // §6.3
    public static let readInputRegisters = Self(rawValue: 4)  // §6.4
    public static let writeSingleCoil = Self(rawValue: 5)  // §6.5
    public static let writeSingleRegister = Self(rawValue: 6)  // §6.6
    public static let readExceptionStatus = Self(rawValue: 7)  // §6.7
    public static let diagnostics = Self(rawValue: 8)  // §6.8
    public static let getCommEventCounter = Self(rawValue: 11)  // §6.9
    public static let getCommEventLog = Self(rawValue: 12)  // §6.10
    public static let writeMultipleCoils = Self(rawValue: 15)  // §6.11
    public static let writeMultipleRegisters = Self(rawValue: 16)  // §6.12
    public static let reportServerID = Self(rawValue: 17)  // §6.13
    public static let readFileRecord = Self(rawValue: 20)  // §6.14
    public static let writeFileRecord = Self(rawValue: 21)  // §6.15
    public static let maskWriteRegister = Self(rawValue: 22)  // §6.16
    public static let readWriteMultipleRegisters = Self(rawValue: 23)  // §6.17
    public static let readFIFOQueue = Self(rawValue: 24)  // §6.18
    public static let encapsulatedInterfaceTransport = Self(rawValue: 43)  // §6.19–6.21
    /// Schneider Electric UMAS (Unity), carried in a function code the specification leaves unassigned.
    public static let umas = Self(rawValue: 90)

    /// §7: a server answers with the function code's high bit set when it returns an exception.
    public var isException: Bool { rawValue & 0x80 != 0 }

    /// The function without the exception bit: the value tshark's `modbus.func_code` reports,
    /// for normal and exception responses alike.
    public var function: ModbusFunctionCode { ModbusFunctionCode(rawValue: rawValue & 0x7F) }

    /// §5.1: who defines a code's meaning.
    public enum Assignment: Sendable { case publicAssigned, userDefined, reserved }

    public var assignment: Assignment {
        switch rawValue & 0x7F {
        case 1...8, 11, 12, 15...17, 20...24, 43: .publicAssigned
        case 65...72, 100...110: .userDefined
        default: .reserved
        }
    }

    /// The specification's name. tshark 4.0 differs for 17 ("Report Slave ID") and 23 ("Read
    /// Write Register"), and calls 90 "Unity (Schneider)". Sub-codes refine names of 8, 43 and 90
    /// (see `ModbusFunctionMeaning`).
    public var name: StaticString {
        switch rawValue & 0x7F {
        case 1: "Read Coils"
        case 2: "Read Discrete Inputs"
        case 3: "Read Holding Registers"
        case 4: "Read Input Registers"
        case 5: "Write Single Coil"
        case 6: "Write Single Register"
        case 7: "Read Exception Status"
        case 8: "Diagnostics"
        case 11: "Get Comm Event Counter"
        case 12: "Get Comm Event Log"
        case 15: "Write Multiple Coils"
        case 16: "Write Multiple Registers"
        case 17: "Report Server ID"
        case 20: "Read File Record"
        case 21: "Write File Record"
        case 22: "Mask Write Register"
        case 23: "Read/Write Multiple Registers"
        case 24: "Read FIFO Queue"
        case 43: "Encapsulated Interface Transport"
        case 90: "UMAS"
        case 65...72, 100...110: "User Defined"
        default: ""
        }
    }

    /// What the function does to the device, before sub-codes refine it: diagnostics restarts and
    /// listen-only mode are control (§6.8.1), 43/14 is discovery, UMAS depends on its own code.
    public var operation: Operation {
        switch rawValue & 0x7F {
        case 1, 2, 3, 4, 20, 24: .read
        case 5, 6, 15, 16, 21, 22, 23: .write
        case 7, 8, 11, 12, 17: .diagnostic
        default: .other
        }
    }
}
