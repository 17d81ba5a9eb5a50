import PacketLayers

/// A plant's zones and conduits (IEC 62443-3-2): the model the segmentation rules, the policy
/// suggestions and the firewall exports share. Read from YAML by `ZonePolicyReader`, written by
/// `ZonePolicyWriter` (docs/segmentation.md).
public struct ZonePolicy: Sendable, Equatable {
    public let zones: [Zone]
    public let conduits: [Conduit]
    /// The zones compiled for lookups.
    public let map: ZoneMap
    /// The conduits compiled for lookups.
    public let table: ConduitTable

    public init(zones: [Zone], conduits: [Conduit] = []) {
        self.zones = zones
        self.conduits = conduits
        map = ZoneMap(zones: zones)
        table = ConduitTable(policy: conduits, map: map)
    }

    /// The name of the zone holding `address` (seen on `vlan`, 0: untagged): the longest
    /// matching prefix, else a zone claiming the VLAN, else `internet` (public address) or
    /// `unzoned`.
    public func zone(of address: IPAddress, vlan: UInt16 = 0) -> String {
        map.names[Int(map.zone(of: address, vlan: vlan))]
    }

    /// The declared zone called `name` (nil for `unzoned`, `internet` and unknown names).
    public func zone(named name: String) -> Zone? { zones.first { $0.name == name } }

    /// The declared zone by number (nil for the implicit ones).
    public func zone(number: Int32) -> Zone? {
        number >= 2 && Int(number) - 2 < zones.count ? zones[Int(number) - 2] : nil
    }

    /// The Purdue level of zone `number`, when declared.
    public func level(ofZone number: Int32) -> Int? { zone(number: number)?.purdueLevel }

    /// Two policies are equal when they declare the same zones and conduits.
    public static func == (lhs: ZonePolicy, rhs: ZonePolicy) -> Bool {
        lhs.zones == rhs.zones && lhs.conduits == rhs.conduits
    }

    /// The same zones with other conduits.
    public func with(conduits: [Conduit]) -> ZonePolicy { ZonePolicy(zones: zones, conduits: conduits) }
}
