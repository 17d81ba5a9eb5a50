/// A host as exposure analysis sees it: an inventory asset reduced to what decides exposure.
public struct ExposurePeer: Sendable, Hashable {
    public var id: String
    /// `AssetRole` raw value (`plc`, `hmi`, `it_client`, …).
    public var role: String
    public var purdueLevel: Int?
    public var addresses: [String]

    public init(id: String, role: String, purdueLevel: Int?, addresses: [String]) {
        self.id = id
        self.role = role
        self.purdueLevel = purdueLevel
        self.addresses = addresses
    }

    /// IT side of the plant: IT roles or Purdue level 4–5.
    var isIT: Bool { role == "it_client" || role == "it_server" || (purdueLevel ?? 0) >= 4 }

    /// Every address is globally routable (no private, link-local, loopback or multicast one).
    var isInternet: Bool { !addresses.isEmpty && addresses.allSatisfy(AddressScope.isGlobal) }
}

/// A communication edge, client → server, as exposure analysis sees it.
public struct ExposureEdge: Sendable, Hashable {
    public var client: String
    public var server: String
    public var protocolName: String
    public var serverPort: UInt16
    /// Operation category → count (`write`, `program`, …).
    public var operations: [String: UInt64]

    public init(client: String, server: String, protocolName: String, serverPort: UInt16, operations: [String: UInt64])
    {
        self.client = client
        self.server = server
        self.protocolName = protocolName
        self.serverPort = serverPort
        self.operations = operations
    }
}

/// What makes one asset reachable by an attacker, each item naming the peer and the protocol.
public struct ExposureEvidence: Sendable, Equatable {
    /// IT hosts (IT role or Purdue 4–5) that open connections to the asset.
    public var fromIT: [String] = []
    /// Remote-access sessions into the asset, and hosts that reach it after accepting one.
    public var remoteAccess: [String] = []
    /// Globally routable peers, either direction.
    public var internet: [String] = []
    /// Peers in another zone (or, with no zones configured, another /24 subnet).
    public var crossZone: [String] = []
    /// True when `crossZone` was judged by subnets because no zones were configured.
    public var zonesFromSubnets = false
    /// Operation category → count of the dangerous operations (write, control, program,
    /// firmware) the asset received, and how many clients sent them.
    public var dangerousOperations: [String: UInt64] = [:]
    public var dangerousClients = 0

    public init() {}
}

/// Derives each asset's exposure from the communication map.
public struct ExposureAnalysis: Sendable {
    public static let remoteAccessProtocols: Set<String> = ["rdp", "vnc", "ssh", "telnet", "teamviewer", "anydesk"]
    public static let dangerousOperations: Set<String> = ["write", "control", "program", "firmware"]
    /// How many peers an evidence list names before it only counts.
    static let listedPeers = 5

    private let peers: [String: ExposurePeer]
    private let edgesByServer: [String: [ExposureEdge]]
    private let edgesByClient: [String: [ExposureEdge]]
    private let zoneOf: (@Sendable (String) -> String?)?

    /// `zoneOf` maps an address to its zone name (the configured zones); without it, IPv4 /24
    /// subnets stand in for zones.
    public init(peers: [ExposurePeer], edges: [ExposureEdge], zoneOf: (@Sendable (String) -> String?)? = nil) {
        var byID: [String: ExposurePeer] = [:]
        for peer in peers { byID[peer.id] = peer }
        self.peers = byID
        edgesByServer = Dictionary(grouping: edges, by: \.server)
        edgesByClient = Dictionary(grouping: edges, by: \.client)
        self.zoneOf = zoneOf
    }

    public func evidence(for assetID: String) -> ExposureEvidence {
        var evidence = ExposureEvidence()
        guard let asset = peers[assetID] else { return evidence }
        let incoming = edgesByServer[assetID] ?? []
        let outgoing = edgesByClient[assetID] ?? []
        var fromIT: Set<String> = []
        var remote: Set<String> = []
        var internet: Set<String> = []
        var crossZone: Set<String> = []
        var dangerousClients: Set<String> = []
        let assetZones = zones(of: asset)
        evidence.zonesFromSubnets = zoneOf == nil

        for edge in incoming {
            guard let client = peers[edge.client] else { continue }
            let label = "\(describe(client)) over \(edge.protocolName)"
            if client.isIT && !asset.isIT { fromIT.insert(label) }
            if Self.remoteAccessProtocols.contains(edge.protocolName) {
                remote.insert("\(edge.protocolName) session from \(describe(client))")
            } else if let session = remoteSession(into: client.id) {
                // A pivot: the client accepts remote sessions and then talks to this asset.
                remote.insert(
                    "reached over \(edge.protocolName) from \(describe(client)), which accepts \(session)")
            }
            for (operation, count) in edge.operations where Self.dangerousOperations.contains(operation) && count > 0 {
                evidence.dangerousOperations[operation, default: 0] += count
                dangerousClients.insert(client.id)
            }
        }
        for edge in incoming + outgoing {
            let peerID = edge.server == assetID ? edge.client : edge.server
            guard let peer = peers[peerID] else { continue }
            if peer.isInternet { internet.insert("\(describe(peer)) over \(edge.protocolName)") }
            let peerZones = zones(of: peer)
            if !assetZones.isEmpty, !peerZones.isEmpty, assetZones.isDisjoint(with: peerZones), !peer.isInternet {
                crossZone.insert("\(describe(peer)) in \(peerZones.sorted().joined(separator: ","))")
            }
        }
        evidence.fromIT = Self.listed(fromIT)
        evidence.remoteAccess = Self.listed(remote)
        evidence.internet = Self.listed(internet)
        evidence.crossZone = Self.listed(crossZone)
        evidence.dangerousClients = dangerousClients.count
        return evidence
    }

    /// The first remote-access session into `assetID`, in words.
    private func remoteSession(into assetID: String) -> String? {
        guard
            let edge = (edgesByServer[assetID] ?? []).first(where: {
                Self.remoteAccessProtocols.contains($0.protocolName)
            })
        else { return nil }
        return "\(edge.protocolName) from \(peers[edge.client].map(describe) ?? edge.client)"
    }

    private func zones(of peer: ExposurePeer) -> Set<String> {
        Set(
            peer.addresses.compactMap { address in
                if let zoneOf { return zoneOf(address) }
                return AddressScope.ipv4Subnet24(address)
            })
    }

    private func describe(_ peer: ExposurePeer) -> String {
        let address = peer.addresses.first ?? peer.id
        return "\(address) (\(peer.role.replacingOccurrences(of: "_", with: " ")))"
    }

    /// Sorted, and cut to a few names plus a count so that a busy server does not print pages.
    static func listed(_ items: Set<String>) -> [String] {
        let sorted = items.sorted()
        guard sorted.count > listedPeers else { return sorted }
        return Array(sorted.prefix(listedPeers)) + ["and \(sorted.count - listedPeers) more"]
    }
}

/// Address classification for exposure: which addresses are on the internet.
enum AddressScope {
    /// False for private (RFC 1918, RFC 6598 shared, ULA), loopback, link-local, multicast,
    /// broadcast, unspecified and documentation ranges, and for text that is not an address.
    static func isGlobal(_ text: String) -> Bool {
        if let octets = ipv4Octets(text) {
            let (a, b) = (octets[0], octets[1])
            if a == 0 || a == 10 || a == 127 || a >= 224 { return false }
            if a == 172 && (16...31).contains(b) { return false }
            if a == 192 && b == 168 { return false }
            if a == 169 && b == 254 { return false }
            if a == 100 && (64...127).contains(b) { return false }
            if a == 192 && b == 0 && octets[2] == 2 { return false }
            if a == 198 && (b == 18 || b == 19) { return false }
            return true
        }
        let lower = text.lowercased()
        guard lower.contains(":") else { return false }
        if lower == "::" || lower == "::1" { return false }
        let firstGroup = lower.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let value = UInt16(firstGroup.isEmpty ? "0" : firstGroup, radix: 16) else { return false }
        if value & 0xFE00 == 0xFC00 { return false }  // fc00::/7 unique local
        if value & 0xFFC0 == 0xFE80 { return false }  // fe80::/10 link-local
        if value & 0xFF00 == 0xFF00 { return false }  // multicast
        if value == 0x2001 && lower.hasPrefix("2001:db8:") { return false }
        return value & 0xE000 == 0x2000  // 2000::/3 global unicast
    }

    static func ipv4Subnet24(_ text: String) -> String? {
        guard let octets = ipv4Octets(text) else { return nil }
        return "\(octets[0]).\(octets[1]).\(octets[2]).0/24"
    }

    static func ipv4Octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard part.count <= 3, let value = Int(part), (0...255).contains(value) else { return nil }
            octets.append(value)
        }
        return octets
    }
}
