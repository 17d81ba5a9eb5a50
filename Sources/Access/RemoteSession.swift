import EventModel
import Storage

/// A remote-access session: one flow, from a capture or from the store's session table.
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
    /// Why the flow ended (closed, idle-timeout, end-of-capture, port-reuse, table-full); nil
    /// while it is still open (a live session the sensor has reported only in parts so far).
    public var endReason: String?
    /// Why the server counts as OT (a zone marked OT, its role, its Purdue level); nil when
    /// nothing says it is.
    public var operationalReason: String?

    /// Seconds between the first and last packet (so far, for an open session).
    public var duration: Double { Double(end - start) / 1e9 }
    public var isOpen: Bool { endReason == nil }
    /// `open`, or why the session ended.
    public var state: String { endReason ?? "open" }
    public var intoOT: Bool { operationalReason != nil }
}

/// The protocols that give a person a shell or a screen on another host.
public enum RemoteAccessProtocols {
    public static let all: Set<ApplicationProtocol> = ApplicationProtocol.remoteAccess
    public static let names: Set<String> = Set(all.map(\.name))
}
