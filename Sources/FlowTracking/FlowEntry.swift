import PacketLayers

/// TCP connection state as seen from the wire (both directions together).
public enum TCPConnectionState: UInt8, Sendable {
    case none  // not TCP
    case synSent
    case synReceived
    case established
    case closing  // FIN from one side
    case closed  // FIN from both sides, or RST
    /// Data seen without a handshake: the capture started mid-way.
    case midStream
}

/// Why a flow record was emitted.
public enum FlowEndReason: String, Sendable {
    case idleTimeout = "idle-timeout"
    case activeTimeout = "active-timeout"
    case closed
    case reused = "port-reuse"
    case evicted = "table-full"
    case endOfCapture = "end-of-capture"
}

/// One flow in the table: plain values only, so the table is a flat, copy-free array.
public struct FlowEntry: Sendable {
    public var key: FlowKey
    public var hash: UInt64
    /// 1-based frame number of the first packet (stable ordering for output).
    public var firstFrame: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// Start of the current active-timeout period.
    public var periodStart: Int64
    public var packetsFromA: UInt64 = 0
    public var packetsFromB: UInt64 = 0
    public var bytesFromA: UInt64 = 0
    public var bytesFromB: UInt64 = 0
    /// Whether endpoint A opened the flow (sent the SYN, or the first packet).
    public var initiatorIsA: Bool
    public var tcpState: TCPConnectionState
    public var tcpFlagsFromA: UInt8 = 0
    public var tcpFlagsFromB: UInt8 = 0
    /// Link addresses of the two endpoints as first seen (zero without Ethernet). A remote host's
    /// address arrives behind its router's MAC: the inventory tells the two apart.
    public var macA = MACAddress.zero
    public var macB = MACAddress.zero
    /// Application protocol id assigned by the protocol registry (0 = unknown yet).
    public var application: UInt16 = 0
    /// Index of the flow's application state in the owner's side table (-1 = none).
    public var stateSlot: Int32 = -1

    // Intrusive LRU list (indices into the table's entry storage).
    var newer: Int32 = -1
    /// Which of the table's timeout lists holds the entry.
    var listClass: UInt8 = 1
    var older: Int32 = -1

    init(key: FlowKey, hash: UInt64, frame: UInt64, time: Int64, initiatorIsA: Bool, tcp: Bool) {
        self.key = key
        self.hash = hash
        self.firstFrame = frame
        self.firstSeen = time
        self.lastSeen = time
        self.periodStart = time
        self.initiatorIsA = initiatorIsA
        self.tcpState = tcp ? .none : .none
    }

    /// The client side's address and port (the initiator).
    public var client: (address: IPAddress, port: UInt16) {
        initiatorIsA ? (key.addressA, key.portA) : (key.addressB, key.portB)
    }

    public var server: (address: IPAddress, port: UInt16) {
        initiatorIsA ? (key.addressB, key.portB) : (key.addressA, key.portA)
    }

    public var clientMAC: MACAddress { initiatorIsA ? macA : macB }
    public var serverMAC: MACAddress { initiatorIsA ? macB : macA }
    public var clientPackets: UInt64 { initiatorIsA ? packetsFromA : packetsFromB }
    public var serverPackets: UInt64 { initiatorIsA ? packetsFromB : packetsFromA }
    public var clientBytes: UInt64 { initiatorIsA ? bytesFromA : bytesFromB }
    public var serverBytes: UInt64 { initiatorIsA ? bytesFromB : bytesFromA }

    public var packets: UInt64 { packetsFromA + packetsFromB }
    public var bytes: UInt64 { bytesFromA + bytesFromB }
}

/// A finished (or interim, on active timeout) flow, as reported.
public struct FlowRecord: Sendable {
    public var entry: FlowEntry
    public var reason: FlowEndReason
}
