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
    }

    private var byAddress: [String: Entry] = [:]

    public init() {}

    public init(_ inventory: Inventory) {
        for asset in inventory.assets {
            let label = asset.names.first?.name ?? asset.ips.first?.description ?? asset.id
            let entry = Entry(id: asset.id, role: asset.role, roleReasons: asset.roleReasons, label: label)
            for ip in asset.ips { byAddress[ip.description] = entry }
            for mac in asset.macs where byAddress[mac.description] == nil { byAddress[mac.description] = entry }
        }
    }

    /// The asset holding `address` (an IP or a MAC as printed).
    public func entry(_ address: String) -> Entry? { byAddress[address] }
}
