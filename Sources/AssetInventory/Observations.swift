import EventModel
import PacketLayers

/// One address pair as the flows saw it: the MAC a packet carried with the IP it carried. A host
/// on the local segment shows its own MAC; a host beyond a router shows the router's.
public struct EndpointKey: Hashable, Sendable {
    public var mac: MACAddress
    public var ip: IPAddress
    public init(mac: MACAddress, ip: IPAddress) {
        self.mac = mac
        self.ip = ip
    }

    /// The address pair mixed into one word: the tables keyed by endpoints, edges and facts hash
    /// one word each instead of feeding the hasher every field (every flow end, every fact).
    var word: UInt64 { ip.mixedWord ^ (mac.rawValue &* 0x9E37_79B9_7F4A_7C15) }

    public func hash(into hasher: inout Hasher) { hasher.combine(word) }
}

/// A set of application protocol ids (ids are below `ApplicationProtocol.idLimit`, 128).
public struct ProtocolSet: Sendable, Equatable {
    public var low: UInt64 = 0
    public var high: UInt64 = 0
    public init() {}
    public mutating func insert(_ id: UInt16) {
        guard id < 128 else { return }
        if id < 64 { low |= 1 << UInt64(id) } else { high |= 1 << UInt64(id - 64) }
    }
    public func contains(_ id: UInt16) -> Bool {
        guard id < 128 else { return false }
        return id < 64 ? low & (1 << UInt64(id)) != 0 : high & (1 << UInt64(id - 64)) != 0
    }
    public mutating func formUnion(_ other: ProtocolSet) {
        low |= other.low
        high |= other.high
    }
    public var isEmpty: Bool { low == 0 && high == 0 }
    public var protocols: [ApplicationProtocol] { ApplicationProtocol.all.filter { contains($0.id) } }
}

public struct EndpointObservation: Sendable {
    public var firstSeen = Int64.max
    public var lastSeen = Int64.min
    public var packetsSent: UInt64 = 0
    public var packetsReceived: UInt64 = 0
    public var bytesSent: UInt64 = 0
    public var bytesReceived: UInt64 = 0
    public var flowsAsClient: UInt64 = 0
    public var flowsAsServer: UInt64 = 0
    public var clientProtocols = ProtocolSet()
    public var serverProtocols = ProtocolSet()
    /// Outer VLAN ids seen (usually one).
    public var vlans: Set<UInt16> = []

    public init() {}

    mutating func see(from first: Int64, to last: Int64) {
        firstSeen = min(firstSeen, first)
        lastSeen = max(lastSeen, last)
    }

    public mutating func merge(_ other: EndpointObservation) {
        see(from: other.firstSeen, to: other.lastSeen)
        packetsSent &+= other.packetsSent
        packetsReceived &+= other.packetsReceived
        bytesSent &+= other.bytesSent
        bytesReceived &+= other.bytesReceived
        flowsAsClient &+= other.flowsAsClient
        flowsAsServer &+= other.flowsAsServer
        clientProtocols.formUnion(other.clientProtocols)
        serverProtocols.formUnion(other.serverProtocols)
        vlans.formUnion(other.vlans)
    }
}

/// A conversation between two endpoints for one protocol and service port. Layer-2 talkers
/// (LLDP, PROFINET DCP, ARP) have unspecified IPs, port 0 and transport 0.
public struct EdgeKey: Hashable, Sendable {
    public var client: EndpointKey
    public var server: EndpointKey
    public var protocolID: UInt16
    public var serverPort: UInt16
    /// IP protocol number (6 TCP, 17 UDP), 0 for layer 2.
    public var transport: UInt8

    public init(client: EndpointKey, server: EndpointKey, protocolID: UInt16, serverPort: UInt16, transport: UInt8) {
        self.client = client
        self.server = server
        self.protocolID = protocolID
        self.serverPort = serverPort
        self.transport = transport
    }

    public func hash(into hasher: inout Hasher) {
        var word = client.word ^ server.word &* 0xD6E8_FEB8_6659_FD93
        word ^= (UInt64(protocolID) | UInt64(serverPort) << 16 | UInt64(transport) << 32) &* 0xC2B2_AE3D_27D4_EB4F
        hasher.combine(word)
    }
}

public struct EdgeObservation: Sendable {
    public var flows: UInt64 = 0
    public var packetsToServer: UInt64 = 0
    public var packetsToClient: UInt64 = 0
    public var bytesToServer: UInt64 = 0
    public var bytesToClient: UInt64 = 0
    public var firstSeen = Int64.max
    public var lastSeen = Int64.min
    public var firstFrame = UInt64.max
    public var operations = OperationTally()

    public init() {}

    public mutating func merge(_ other: EdgeObservation) {
        flows &+= other.flows
        packetsToServer &+= other.packetsToServer
        packetsToClient &+= other.packetsToClient
        bytesToServer &+= other.bytesToServer
        bytesToClient &+= other.bytesToClient
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        firstFrame = min(firstFrame, other.firstFrame)
        operations.merge(other.operations)
    }
}

/// A fact as reported, before it is pinned to an asset: its subject is the MAC and/or IP the
/// event named (a zero MAC or unspecified IP when unknown).
public struct FactKey: Hashable, Sendable {
    public var subject: EndpointKey
    public var key: IdentityKey
    public var value: String
    public var protocolID: UInt16
    /// Whether the subject reported the fact about itself (the event's sender).
    public var selfReported: Bool

    public init(subject: EndpointKey, key: IdentityKey, value: String, protocolID: UInt16, selfReported: Bool) {
        self.subject = subject
        self.key = key
        self.value = value
        self.protocolID = protocolID
        self.selfReported = selfReported
    }
}

public struct FactObservation: Sendable {
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var firstFrame: UInt64
    public var lastFrame: UInt64
    public var count: UInt64

    public init(firstSeen: Int64, lastSeen: Int64, firstFrame: UInt64, lastFrame: UInt64, count: UInt64) {
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.firstFrame = firstFrame
        self.lastFrame = lastFrame
        self.count = count
    }

    public mutating func merge(_ other: FactObservation) {
        if other.firstSeen < firstSeen || (other.firstSeen == firstSeen && other.firstFrame < firstFrame) {
            firstSeen = other.firstSeen
            firstFrame = other.firstFrame
        }
        if other.lastSeen > lastSeen || (other.lastSeen == lastSeen && other.lastFrame > lastFrame) {
            lastSeen = other.lastSeen
            lastFrame = other.lastFrame
        }
        count &+= other.count
    }
}
