/// How the console's map groups assets and colours edges; shared with the store so that the
/// map of a large store can be added up in SQL with the same rules.
public enum MapZone {
    /// The zone of an asset until zones are configured: the /24 of its first IPv4 address.
    public static func of(_ addresses: some Sequence<some StringProtocol>) -> String {
        for address in addresses {
            let parts = address.split(separator: ".")
            if parts.count == 4 { return "\(parts[0]).\(parts[1]).\(parts[2]).0/24" }
        }
        return "no IPv4"
    }

    /// Most dangerous first: an edge's colour is the first of these it carries.
    public static let dangerOrder = ["firmware", "program", "control", "write", "diagnostic", "discovery", "read"]

    /// Position in `dangerOrder` of the most dangerous operation counted, `dangerOrder.count` for none.
    public static func dangerRank(_ operations: [String: UInt64]) -> Int {
        dangerOrder.firstIndex { (operations[$0] ?? 0) > 0 } ?? dangerOrder.count
    }

    public static func danger(rank: Int) -> String { rank < dangerOrder.count ? dangerOrder[rank] : "other" }
}

/// Assets of one Purdue level in one zone with one role: the map's node for a zone, when the
/// store is too large to draw each asset.
public struct MapGroup: Sendable, Equatable {
    public var purdueLevel: Int?
    /// `MapZone.of(addresses)` of the assets.
    public var zone: String
    public var role: String
    public var assets: Int
    public init(purdueLevel: Int?, zone: String, role: String, assets: Int) {
        self.purdueLevel = purdueLevel
        self.zone = zone
        self.role = role
        self.assets = assets
    }
}

/// The edges from the assets of one level and zone to those of another, added up.
public struct MapGroupLink: Sendable, Equatable {
    public var fromLevel: Int?
    public var fromZone: String
    public var toLevel: Int?
    public var toZone: String
    public var protocols: Set<String>
    /// The most dangerous operation on any of the edges (`MapZone.dangerOrder`), `other` for none.
    public var danger: String
    public var packets: UInt64
    public init(
        fromLevel: Int?, fromZone: String, toLevel: Int?, toZone: String, protocols: Set<String>, danger: String,
        packets: UInt64
    ) {
        self.fromLevel = fromLevel
        self.fromZone = fromZone
        self.toLevel = toLevel
        self.toZone = toZone
        self.protocols = protocols
        self.danger = danger
        self.packets = packets
    }
}
