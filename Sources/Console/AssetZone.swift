import Storage

/// The zone an asset is drawn in on the map and filtered by in the asset list: the configured
/// zone of its first IP address (MAC addresses do not parse and are passed over), else the /24
/// of its first IPv4 address.
enum AssetZone {
    static func of(_ addresses: [String], zoneOf: (@Sendable (String) -> String?)?) -> String {
        if let zoneOf {
            for address in addresses {
                if let name = zoneOf(address) { return name }
            }
        }
        return MapZone.of(addresses)
    }
}
