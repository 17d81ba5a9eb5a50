import EventModel
import PacketLayers

/// What a device does in the plant, decided from its traffic (see `RoleClassifier`).
public enum AssetRole: String, Sendable, CaseIterable, Codable {
    case controller = "plc"
    case rtu
    case hmi
    case engineeringWorkstation = "engineering_workstation"
    case historian
    case opcServer = "opc_server"
    case ioDevice = "io_device"
    case iiotGateway = "iiot_gateway"
    case networkDevice = "network_device"
    case itServer = "it_server"
    case itClient = "it_client"
    case unknown

    public var title: String {
        switch self {
        case .controller: "PLC/controller"
        case .rtu: "RTU"
        case .hmi: "HMI/SCADA"
        case .engineeringWorkstation: "engineering workstation"
        case .historian: "historian"
        case .opcServer: "OPC server"
        case .ioDevice: "I/O device"
        case .iiotGateway: "IIoT gateway"
        case .networkDevice: "network device"
        case .itServer: "IT server"
        case .itClient: "IT client"
        case .unknown: "unknown"
        }
    }
}

/// How far a fact can be trusted: what a device says of itself in an industrial or management
/// protocol is `high`; what a naming service or a DHCP client says is `medium`; what others say
/// of it (a DNS answer, a TLS server name) is `low`.
public enum Confidence: String, Sendable, Comparable, Codable {
    case low, medium, high
    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// One identity fact on an asset, with where it came from.
public struct AssetFact: Sendable, Hashable {
    public var key: IdentityKey
    public var value: String
    public var protocolName: String
    /// Frame of the first and last PDU that carried it (frame numbers restart with each capture).
    public var firstFrame: UInt64
    public var lastFrame: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var count: UInt64
    public var confidence: Confidence
}

/// A name of the asset with the protocol that gave it.
public struct AssetName: Sendable, Hashable {
    public var name: String
    public var source: String
    public var confidence: Confidence
}

/// The identity summary: for each field, the best fact (highest confidence, then latest).
public struct AssetIdentity: Sendable, Equatable {
    public var vendor: String?
    public var product: String?
    public var model: String?
    public var orderNumber: String?
    public var firmware: String?
    public var hardware: String?
    public var serial: String?
    public var stationName: String?
    public var deviceType: String?
    public var modules: [String] = []
    public var software: [String] = []
    public var operatingSystem: String?
}

/// A device on the network, built from traffic alone.
public struct Asset: Sendable {
    /// `mac:xx:xx:xx:xx:xx:xx` for devices on the monitored segment, `ip:a.b.c.d` for devices seen
    /// only behind a router (or in captures without link addresses).
    public var id: String
    public var macs: [MACAddress] = []
    public var ips: [IPAddress] = []
    public var vlans: [UInt16] = []
    /// Vendor of the (first) MAC from the IEEE registry; `nil` for locally administered or unknown.
    public var macVendor: String?
    public var names: [AssetName] = []
    public var identity = AssetIdentity()
    public var facts: [AssetFact] = []
    public var role = AssetRole.unknown
    public var roleReasons: [String] = []
    /// Purdue reference model level 0–5, `nil` when nothing decides it.
    public var purdueLevel: Int?
    public var purdueReasons: [String] = []
    public var clientProtocols: [String] = []
    public var serverProtocols: [String] = []
    public var firstSeen: Int64 = .max
    public var lastSeen: Int64 = .min
    public var packetsSent: UInt64 = 0
    public var packetsReceived: UInt64 = 0
    public var bytesSent: UInt64 = 0
    public var bytesReceived: UInt64 = 0
    /// For a router or gateway: how many addresses were seen behind its MAC.
    public var routedAddresses = 0
    /// For a host seen only behind a router: the router's MAC.
    public var behindRouter: MACAddress?

    public init(id: String) { self.id = id }
}
