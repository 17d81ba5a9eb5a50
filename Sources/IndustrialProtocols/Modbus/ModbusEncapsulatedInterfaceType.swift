import EventModel

/// The MEI type that follows function 43 (Application Protocol v1.1b3 §6.19).
public struct ModbusEncapsulatedInterfaceType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// §6.20.
    public static let canopenGeneralReference = Self(rawValue: 0x0D)
    /// §6.21.
    public static let readDeviceIdentification = Self(rawValue: 0x0E)

    public var name: StaticString {
        switch rawValue {
        case 0x0D: "CANopen General Reference"
        case 0x0E: "Read Device Identification"
        default: "Encapsulated Interface Transport"
        }
    }

    public var operation: Operation { rawValue == 0x0E ? .discovery : .other }
}
