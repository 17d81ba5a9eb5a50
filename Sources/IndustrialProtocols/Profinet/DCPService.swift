import EventModel

/// PROFINET DCP service ids (IEC 61158-6-10 §4.3, "DCP-ServiceID"), as tshark's `pn_dcp.service_id`.
public struct DCPService: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let get = DCPService(rawValue: 3)
    public static let set = DCPService(rawValue: 4)
    public static let identify = DCPService(rawValue: 5)
    public static let hello = DCPService(rawValue: 6)

    public var name: StaticString {
        switch rawValue {
        case 3: "Get"
        case 4: "Set"
        case 5: "Identify"
        case 6: "Hello"
        default: "Reserved"
        }
    }

    /// A Set changes the device (its name, its IP address, or a control such as a factory reset);
    /// Identify and Hello are discovery; Get reads parameters.
    public var operation: Operation {
        switch rawValue {
        case 3: .read
        case 4: .write
        case 5, 6: .discovery
        default: .other
        }
    }
}

/// DCP options and sub-options (IEC 61158-6-10 §4.3.1.3).
enum DCPOption {
    static let ip: UInt8 = 1
    static let deviceProperties: UInt8 = 2
    static let dhcp: UInt8 = 3
    static let control: UInt8 = 5
    static let deviceInitiative: UInt8 = 6
    static let all: UInt8 = 0xFF

    // Option 1 (IP)
    static let ipMAC: UInt8 = 1
    static let ipParameter: UInt8 = 2
    static let ipFullSuite: UInt8 = 3

    // Option 2 (device properties)
    static let manufacturerSpecific: UInt8 = 1  // TypeOfStation string
    static let nameOfStation: UInt8 = 2
    static let deviceID: UInt8 = 3
    static let deviceRole: UInt8 = 4
    static let deviceOptions: UInt8 = 5
    static let aliasName: UInt8 = 6

    // Option 5 (control)
    static let controlStart: UInt8 = 1
    static let controlStop: UInt8 = 2
    static let controlSignal: UInt8 = 3
    static let controlFactoryReset: UInt8 = 5
    static let controlResetToFactory: UInt8 = 6
}
