import AssetInventory
import PacketLayers

/// One side of an access: the asset as the inventory knows it, with its zone.
public struct AccessParty: Sendable, Hashable {
    /// Inventory asset id (`mac:…`, `ip:…`), or the bare address when no asset holds it.
    public var assetID: String
    public var address: String
    public var name: String?
    public var role: AssetRole
    public var purdueLevel: Int?
    public var zone: String?

    public init(
        assetID: String, address: String, name: String? = nil, role: AssetRole = .unknown, purdueLevel: Int? = nil,
        zone: String? = nil
    ) {
        self.assetID = assetID
        self.address = address
        self.name = name
        self.role = role
        self.purdueLevel = purdueLevel
        self.zone = zone
    }

    /// How the party reads in a sentence: its name with its address (names from the wire repeat:
    /// two hosts running the same client library announce the same name), else its address.
    public var label: String { name.map { "\($0) (\(address))" } ?? address }
}

/// Finds the asset behind an asset id or an IP address, and describes it as an `AccessParty`.
struct AssetIndex {
    private var byID: [String: Asset] = [:]
    private var byAddress: [IPAddress: Asset] = [:]
    let zones: AccessZones

    init(_ inventory: Inventory, zones: AccessZones) {
        self.zones = zones
        for asset in inventory.assets {
            byID[asset.id] = asset
            for ip in asset.ips where byAddress[ip] == nil { byAddress[ip] = asset }
        }
    }

    func asset(id: String) -> Asset? { byID[id] }
    func asset(address: IPAddress) -> Asset? { byAddress[address] }

    func party(assetID: String) -> AccessParty? {
        guard let asset = byID[assetID] else { return nil }
        return party(asset, address: asset.ips.first)
    }

    func party(address: IPAddress) -> AccessParty {
        if let asset = byAddress[address] { return party(asset, address: address) }
        return AccessParty(assetID: "ip:\(address)", address: address.description, zone: zones.zoneOf(address))
    }

    private func party(_ asset: Asset, address: IPAddress?) -> AccessParty {
        AccessParty(
            assetID: asset.id,
            address: address?.description ?? asset.macs.first?.description ?? asset.id,
            name: asset.names.first?.name, role: asset.role, purdueLevel: asset.purdueLevel,
            zone: address.flatMap(zones.zoneOf))
    }

    /// Whether a party is OT: a zone the caller marks OT, an OT role, or Purdue level 0-3.
    /// The reason says which; nil when nothing says it is OT.
    func operationalReason(_ party: AccessParty) -> String? {
        if let zone = party.zone, zones.operationalZones.contains(zone) { return "zone \(zone) is OT" }
        if AccessRoles.operational.contains(party.role) { return "role \(party.role.title)" }
        if let level = party.purdueLevel, level <= 3 { return "Purdue level \(level)" }
        return nil
    }
}

/// Roles that decide who counts as a controller and what counts as OT.
enum AccessRoles {
    /// Devices that run the process: their writes, programs and commands change it.
    static let controllers: Set<AssetRole> = [.controller, .rtu, .ioDevice]
    static let operational: Set<AssetRole> = [
        .controller, .rtu, .ioDevice, .hmi, .engineeringWorkstation, .historian, .opcServer, .iiotGateway,
    ]
}
