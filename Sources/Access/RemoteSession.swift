import EventModel

/// A remote-access session (or, from the store, every session of one client → server pair).
public struct RemoteSession: Sendable {
    public var client: AccessParty
    public var server: AccessParty
    public var protocolName: String
    public var serverPort: UInt16
    public var start: Int64
    public var end: Int64
    public var bytesToServer: UInt64
    public var bytesToClient: UInt64
    public var packets: UInt64
    /// Sessions behind the row: 1 for a flow from a capture; the pair's flow count from the store,
    /// which keeps pairs, not sessions.
    public var sessions: UInt64
    /// Why the server counts as OT (a zone marked OT, its role, its Purdue level); nil when
    /// nothing says it is.
    public var operationalReason: String?

    /// Seconds between the first and last packet (of the pair, for a store row).
    public var duration: Double { Double(end - start) / 1e9 }
    public var intoOT: Bool { operationalReason != nil }
}

/// The protocols that give a person a shell or a screen on another host.
public enum RemoteAccessProtocols {
    public static let all: Set<ApplicationProtocol> = [.rdp, .vnc, .ssh, .teamviewer, .anydesk, .telnet]
    public static let names: Set<String> = Set(all.map(\.name))
}
