import PacketLayers

/// Which zone an address is in, and which zones hold OT. Until the zone model is wired in, the
/// caller passes a lookup of its own (or none: every zone column stays empty).
public struct AccessZones: Sendable {
    /// The zone of an address; nil when the caller has no zone for it.
    public var zoneOf: @Sendable (IPAddress) -> String?
    /// Zones whose hosts count as OT whatever their role or Purdue level.
    public var operationalZones: Set<String>

    public init(zoneOf: @escaping @Sendable (IPAddress) -> String?, operationalZones: Set<String> = []) {
        self.zoneOf = zoneOf
        self.operationalZones = operationalZones
    }

    /// No zones configured.
    public static let none = AccessZones(zoneOf: { _ in nil })
}
