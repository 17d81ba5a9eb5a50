/// The code a server returns in an exception response (Application Protocol v1.1b3 §7,
/// "MODBUS Exception Codes"). Any byte is representable.
public struct ModbusExceptionCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let illegalFunction = Self(rawValue: 0x01)
    public static let illegalDataAddress = Self(rawValue: 0x02)
    public static let illegalDataValue = Self(rawValue: 0x03)
    public static let serverDeviceFailure = Self(rawValue: 0x04)
    public static let acknowledge = Self(rawValue: 0x05)
    public static let serverDeviceBusy = Self(rawValue: 0x06)
    public static let memoryParityError = Self(rawValue: 0x08)
    public static let gatewayPathUnavailable = Self(rawValue: 0x0A)
    public static let gatewayTargetDeviceFailedToRespond = Self(rawValue: 0x0B)

    /// The specification's name ("" for codes it does not define). tshark 4.0 says "Slave Device
    /// Failure" for 4, the v1.1b3 specification "Server Device Failure".
    public var name: StaticString {
        switch rawValue {
        case 0x01: "Illegal Function"
        case 0x02: "Illegal Data Address"
        case 0x03: "Illegal Data Value"
        case 0x04: "Server Device Failure"
        case 0x05: "Acknowledge"
        case 0x06: "Server Device Busy"
        case 0x08: "Memory Parity Error"
        case 0x0A: "Gateway Path Unavailable"
        case 0x0B: "Gateway Target Device Failed to Respond"
        default: ""
        }
    }
}
