import AssetInventory
import PacketLayers

/// Proposes zones from an inventory, for a person to review: one zone per subnet holding assets
/// (IPv4 /24 and IPv6 /64 by default), sibling subnets merged when they hold the same kind of
/// assets at the same Purdue level, each named after what its assets do and explained in
/// comments (which assets, roles and levels made it).
public struct ZoneSuggester: Sendable {
    /// The subnet size assets are grouped by.
    public var ipv4PrefixLength = 24
    public var ipv6PrefixLength = 64
    /// Sibling subnets are merged up to this size at most (a /24 pair becomes a /23, …).
    public var widestIPv4Merge = 20

    public init() {}

    /// What the assets of a subnet mostly are.
    enum Kind: String, CaseIterable {
        case control, supervisory, operations, enterprise, infrastructure, unclassified

        init(_ role: AssetRole) {
            switch role {
            case .controller, .rtu, .ioDevice: self = .control
            case .hmi, .engineeringWorkstation: self = .supervisory
            case .historian, .opcServer, .iiotGateway: self = .operations
            case .itServer, .itClient: self = .enterprise
            case .networkDevice: self = .infrastructure
            case .unknown: self = .unclassified
            }
        }

        /// The Purdue level a zone of this kind gets when its assets have none.
        var typicalLevel: Int? {
            switch self {
            case .control: 1
            case .supervisory: 2
            case .operations: 3
            case .enterprise: 4
            case .infrastructure, .unclassified: nil
            }
        }

        var criticality: Criticality? {
            switch self {
            case .control: .critical
            case .supervisory, .operations: .high
            case .enterprise: .medium
            case .infrastructure, .unclassified: nil
            }
        }

        var summary: String {
            switch self {
            case .control: "controllers, RTUs and field devices"
            case .supervisory: "HMIs and engineering workstations"
            case .operations: "historians, OPC servers and IIoT gateways"
            case .enterprise: "IT servers and clients"
            case .infrastructure: "network devices"
            case .unclassified: "hosts whose role is not known"
            }
        }
    }

    struct Group {
        var network: IPNetwork
        var assets: [(asset: Asset, address: IPAddress)]
        var kind: Kind
        var level: Int?
        var vlans: [UInt16]
    }

    /// The suggested zones with their reasons, in address order, and the public addresses left to
    /// the implicit `internet` zone.
    public func suggest(_ inventory: Inventory) -> (
        zones: [ZonePolicyWriter.Commented<Zone>], publicAddresses: [IPAddress]
    ) {
        suggest(assets: inventory.assets)
    }

    public func suggest(assets: [Asset]) -> (zones: [ZonePolicyWriter.Commented<Zone>], publicAddresses: [IPAddress]) {
        var bySubnet: [IPNetwork: [(Asset, IPAddress)]] = [:]
        var publicAddresses: [IPAddress] = []
        for asset in assets {
            for address in asset.ips where !address.isUnspecified && !address.isMulticast && !address.isBroadcast {
                guard address.isNonPublic else {
                    publicAddresses.append(address)
                    continue
                }
                guard
                    let subnet = IPNetwork(
                        address: address, prefixLength: address.isIPv4 ? ipv4PrefixLength : ipv6PrefixLength)
                else { continue }
                bySubnet[subnet, default: []].append((asset, address))
            }
        }
        var groups = bySubnet.keys.sorted().map { group($0, bySubnet[$0]!) }
        groups = merge(groups)
        return (name(groups), publicAddresses.sorted())
    }

    func group(_ network: IPNetwork, _ members: [(Asset, IPAddress)]) -> Group {
        let assets = members.sorted { $0.1 < $1.1 }
        var kinds: [Kind: Int] = [:]
        for (asset, _) in assets { kinds[Kind(asset.role), default: 0] += 1 }
        // The most common known kind; unclassified hosts only decide when nothing else is known.
        let known = kinds.filter { $0.key != .unclassified && $0.key != .infrastructure }
        let pool = known.isEmpty ? kinds : known
        let kind =
            Kind.allCases.filter { pool[$0] != nil }.max {
                pool[$0]! < pool[$1]!
                    || (pool[$0]! == pool[$1]! && Kind.allCases.firstIndex(of: $0)! > Kind.allCases.firstIndex(of: $1)!)
            } ?? .unclassified
        var levels: [Int: Int] = [:]
        for (asset, _) in assets { if let level = asset.purdueLevel { levels[level, default: 0] += 1 } }
        let level =
            levels.keys.sorted().max { levels[$0]! < levels[$1]! || (levels[$0]! == levels[$1]! && $0 > $1) }
            ?? kind.typicalLevel
        // VLANs every asset of the subnet was seen on.
        var vlans = Set(assets.first?.0.vlans ?? [])
        for (asset, _) in assets.dropFirst() { vlans.formIntersection(asset.vlans) }
        return Group(network: network, assets: assets, kind: kind, level: level, vlans: vlans.sorted())
    }

    /// Merges sibling subnets (the two halves of one shorter prefix) of the same kind, level and
    /// VLANs, repeatedly, down to `widestIPv4Merge`.
    func merge(_ groups: [Group]) -> [Group] {
        var current = groups
        while true {
            var merged: [Group] = []
            var changed = false
            var index = 0
            while index < current.count {
                let first = current[index]
                if index + 1 < current.count {
                    let second = current[index + 1]
                    let length = first.network.prefixLength
                    if first.network.isIPv4, second.network.isIPv4, length == second.network.prefixLength,
                        length - 1 >= widestIPv4Merge,
                        let parent = IPNetwork(address: first.network.address, prefixLength: length - 1),
                        parent.address == first.network.address, parent.contains(second.network),
                        first.kind == second.kind, first.level == second.level, first.vlans == second.vlans,
                        first.kind != .unclassified
                    {
                        merged.append(
                            Group(
                                network: parent, assets: first.assets + second.assets, kind: first.kind,
                                level: first.level, vlans: first.vlans))
                        index += 2
                        changed = true
                        continue
                    }
                }
                merged.append(first)
                index += 1
            }
            current = merged
            if !changed { return current }
        }
    }

    /// Zones named after their kind; when several share a kind, the one with most assets keeps
    /// the plain name and the others add their network.
    func name(_ groups: [Group]) -> [ZonePolicyWriter.Commented<Zone>] {
        var byKind: [Kind: [Int]] = [:]
        for (index, group) in groups.enumerated() { byKind[group.kind, default: []].append(index) }
        var names = [String](repeating: "", count: groups.count)
        for (kind, members) in byKind {
            let ranked = members.sorted {
                groups[$0].assets.count > groups[$1].assets.count
                    || (groups[$0].assets.count == groups[$1].assets.count && $0 < $1)
            }
            for (rank, index) in ranked.enumerated() {
                let network = groups[index].network
                let suffix =
                    network.address.description.replacingOccurrences(of: ".", with: "-")
                    .replacingOccurrences(of: ":", with: "-") + "-\(network.prefixLength)"
                names[index] = rank == 0 ? kind.rawValue : "\(kind.rawValue)-\(suffix)"
            }
        }
        return groups.enumerated().map { index, group in
            var zone = Zone(
                name: names[index], networks: [group.network], vlans: group.vlans, purdueLevel: group.level,
                criticality: group.kind.criticality,
                description: "\(group.kind.summary) (\(group.assets.count) asset\(group.assets.count == 1 ? "" : "s"))")
            if group.kind == .unclassified { zone.criticality = nil }
            return ZonePolicyWriter.Commented(zone, comments: reasons(group))
        }
    }

    func reasons(_ group: Group) -> [String] {
        var roles: [AssetRole: Int] = [:]
        var levels: [Int: Int] = [:]
        for (asset, _) in group.assets {
            roles[asset.role, default: 0] += 1
            if let level = asset.purdueLevel { levels[level, default: 0] += 1 }
        }
        let roleText = roles.keys.sorted {
            roles[$0]! > roles[$1]! || (roles[$0]! == roles[$1]! && $0.rawValue < $1.rawValue)
        }
        .map { "\($0.title) ×\(roles[$0]!)" }.joined(separator: ", ")
        let levelText =
            levels.isEmpty
            ? "no asset has a Purdue level; \(group.level.map { "level \($0) is typical of \(group.kind.summary)" } ?? "none given")"
            : "Purdue levels of the assets: "
                + levels.keys.sorted().map { "\($0) ×\(levels[$0]!)" }.joined(separator: ", ")
        var lines = [
            "\(group.network): \(group.assets.count) asset\(group.assets.count == 1 ? "" : "s"); roles: \(roleText)",
            levelText
                + (group.vlans.isEmpty
                    ? "" : "; every asset seen on VLAN \(group.vlans.map(String.init).joined(separator: ", "))"),
        ]
        let shown = group.assets.prefix(32)
        for (asset, address) in shown {
            var text = "  \(address) \(asset.role.title)"
            if let level = asset.purdueLevel { text += ", level \(level)" }
            let identity = [
                asset.identity.vendor ?? asset.macVendor, asset.identity.product ?? asset.names.first?.name,
            ]
            .compactMap { $0 }.joined(separator: " ")
            if !identity.isEmpty { text += " (\(identity.prefix(60)))" }
            if let reason = asset.roleReasons.first { text += ": \(reason.prefix(100))" }
            lines.append(text)
        }
        if group.assets.count > shown.count { lines.append("  … and \(group.assets.count - shown.count) more") }
        return lines
    }
}
