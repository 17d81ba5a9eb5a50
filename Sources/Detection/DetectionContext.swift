import AssetInventory
import PacketLayers

/// What detection knows of the plant when it judges what the rules found: the assets (roles,
/// names) and, when one is loaded, the baseline.
public struct DetectionContext: Sendable {
    public var directory: AssetDirectory
    public var baseline: (any BaselinePolicy)?

    public init(directory: AssetDirectory = AssetDirectory(), baseline: (any BaselinePolicy)? = nil) {
        self.directory = directory
        self.baseline = baseline
    }
}

/// The part of a baseline the threat rules ask: did this client already do this to this server?
public protocol BaselinePolicy: Sendable {
    /// Whether the baseline shows `source` doing `operation` (`write`, `control`, …) towards
    /// `destination` over `protocolName`. Addresses are as events print them.
    func allows(source: String, destination: String, protocolName: String, operation: String) -> Bool
}

/// Assets by address, for roles and names in alerts.
public struct AssetDirectory: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var role: AssetRole
        public var roleReasons: [String]
        public var label: String
        /// Packet time the asset was first seen.
        public var firstSeen: Int64 = .max
    }

    private var entries: [Entry] = []
    /// Keyed by address values, not their text: formatting and hashing ~30,000 address strings
    /// was most of building the directory, on the single-threaded end of `detect`. An IP belongs
    /// to the last asset that lists it, a MAC to the first.
    private var byIP: [IPAddress: Int] = [:]
    private var byMAC: [MACAddress: Int] = [:]
    /// The first packet time of the whole inventory: when observation began.
    public private(set) var observationStart: Int64 = .max
    /// The roles of the assets in each subnet (IPv4 /24, IPv6 /64), one bit per role.
    private var rolesBySubnet: [Subnet: UInt32] = [:]

    /// `role`'s bit in `rolesBySubnet`.
    private static func bit(_ role: AssetRole) -> UInt32 {
        1 << UInt32(AssetRole.allCases.firstIndex(of: role) ?? 31)
    }

    private struct Subnet: Hashable {
        var high: UInt64
        var low: UInt64

        init(_ address: IPAddress) {
            if address.isIPv4 {
                self.init(high: 0, low: UInt64(address.ipv4Value >> 8))
            } else {
                self.init(high: address.high, low: UInt64.max)
            }
        }

        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }
    }

    public init() {}

    public init(_ inventory: Inventory) {
        entries.reserveCapacity(inventory.assets.count)
        byIP.reserveCapacity(inventory.assets.count)
        byMAC.reserveCapacity(inventory.assets.count)
        // Fields read through the buffer: binding `inventory.assets[index]` to a name copied
        // each asset (every string and array retained), most of this initialiser.
        inventory.assets.withUnsafeBufferPointer { assets in
            for index in assets.indices {
                let label = assets[index].names.first?.name ?? assets[index].ips.first?.description ?? assets[index].id
                let role = assets[index].role
                let firstSeen = assets[index].firstSeen
                let roleBit = Self.bit(role)
                let slot = entries.count
                entries.append(
                    Entry(
                        id: assets[index].id, role: role, roleReasons: assets[index].roleReasons, label: label,
                        firstSeen: firstSeen))
                observationStart = min(observationStart, firstSeen)
                for ip in assets[index].ips {
                    byIP[ip] = slot
                    rolesBySubnet[Subnet(ip), default: 0] |= roleBit
                }
                for mac in assets[index].macs where byMAC[mac] == nil { byMAC[mac] = slot }
            }
        }
    }

    /// The asset holding `endpoint`.
    public func entry(_ endpoint: Endpoint) -> Entry? {
        let slot: Int?
        switch endpoint {
        case .ip(let address): slot = byIP[address]
        case .mac(let address): slot = byMAC[address]
        }
        return slot.map { entries[$0] }
    }

    /// How long a host must have been seen before its role vouches for what it does.
    public static let establishment: Int64 = 3600 * 1_000_000_000
    /// Hosts seen within this of the start of observation were there before it began.
    public static let presentAtStart: Int64 = 2 * 1_000_000_000

    /// Whether `entry`'s role can vouch for an operation at `time`: roles are inferred from
    /// behaviour, and a rogue that sweeps, uploads or writes earns an engineering workstation's
    /// or an HMI's role by doing exactly what a rule judges. A role counts only for a host that
    /// was already there when observation began, or was seen an hour before the operation.
    public func isEstablished(_ entry: Entry, at time: Int64) -> Bool {
        entry.firstSeen <= observationStart &+ Self.presentAtStart || entry.firstSeen <= time &- Self.establishment
    }

    /// Whether the subnet of `endpoint` (an IP; IPv4 /24, IPv6 /64) holds an asset with one of
    /// `roles`.
    public func subnet(of endpoint: Endpoint, holdsOneOf roles: Set<AssetRole>) -> Bool {
        guard case .ip(let ip) = endpoint, let present = rolesBySubnet[Subnet(ip)] else { return false }
        return roles.contains { present & Self.bit($0) != 0 }
    }
}
