/// How much harm a compromise of a zone does (the `criticality` key).
public enum Criticality: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Criticality, rhs: Criticality) -> Bool { lhs.rank < rhs.rank }
}

/// An IEC 62443 zone: assets grouped by address (and optionally VLAN) that share security
/// requirements. An address belongs to the zone with the longest matching prefix.
public struct Zone: Sendable, Equatable {
    /// Unique, `[a-z0-9_-]+`; `unzoned` and `internet` are reserved for the implicit zones.
    public var name: String
    public var networks: [IPNetwork]
    /// 802.1Q VLAN ids (1–4094): traffic tagged with one of them whose addresses no prefix
    /// claims belongs to the zone.
    public var vlans: [UInt16]
    /// Purdue level 0–5.
    public var purdueLevel: Int?
    /// IEC 62443 security level target 1–4.
    public var securityLevelTarget: Int?
    public var criticality: Criticality?
    public var description: String?

    public init(
        name: String, networks: [IPNetwork] = [], vlans: [UInt16] = [], purdueLevel: Int? = nil,
        securityLevelTarget: Int? = nil, criticality: Criticality? = nil, description: String? = nil
    ) {
        self.name = name
        self.networks = networks
        self.vlans = vlans
        self.purdueLevel = purdueLevel
        self.securityLevelTarget = securityLevelTarget
        self.criticality = criticality
        self.description = description
    }

    /// The zone of private addresses that no declared zone claims.
    public static let unzoned = "unzoned"
    /// The zone of public addresses that no declared zone claims.
    public static let internet = "internet"

    /// Whether the zone is part of the plant's OT side: Purdue levels 0–3, or no level given (an
    /// unclassified zone is judged as OT, the safer reading).
    public var isOperational: Bool { (purdueLevel ?? 0) <= 3 }

    /// Whether `name` is a valid zone name: 1–63 of `a-z 0-9 _ -`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63
            && name.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D
            }
    }
}
