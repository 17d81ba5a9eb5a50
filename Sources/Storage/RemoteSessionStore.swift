import EventModel
import PacketLayers

extension ApplicationProtocol {
    /// The protocols that give a person a shell or a screen on another host: the store keeps
    /// each of their flows as a session.
    public static let remoteAccess: Set<ApplicationProtocol> = [.rdp, .vnc, .ssh, .teamviewer, .anydesk, .telnet]
}

/// One remote-access flow as the store keys it. The start (first packet) is part of the key: a
/// later connection from the same client port is another session, and every report of one flow
/// (a live flow comes in parts) lands on the same row.
public struct RemoteSessionKey: Hashable, Sendable {
    public var client: IPAddress
    public var clientPort: UInt16
    public var server: IPAddress
    public var serverPort: UInt16
    public var protocolID: UInt16
    /// First packet, ns since the epoch.
    public var start: Int64

    public init(
        client: IPAddress, clientPort: UInt16, server: IPAddress, serverPort: UInt16, protocolID: UInt16, start: Int64
    ) {
        self.client = client
        self.clientPort = clientPort
        self.server = server
        self.serverPort = serverPort
        self.protocolID = protocolID
        self.start = start
    }
}

/// What one report of a remote-access flow says about it.
public struct RemoteSessionObservation: Sendable, Equatable {
    public var clientMAC: MACAddress
    public var serverMAC: MACAddress
    /// Last packet so far, ns since the epoch.
    public var end: Int64
    public var packetsToServer: UInt64
    public var packetsToClient: UInt64
    public var bytesToServer: UInt64
    public var bytesToClient: UInt64
    /// Why the flow ended (`FlowEndReason` raw value: closed, idle-timeout, end-of-capture, …);
    /// nil while it is still open (an interim report of a live flow).
    public var endReason: String?
    /// The counters are what is new since an earlier report of the same flow, to be added to it;
    /// otherwise they are the whole flow and replace whatever a row holds.
    public var isContinuation: Bool

    public init(
        clientMAC: MACAddress, serverMAC: MACAddress, end: Int64, packetsToServer: UInt64, packetsToClient: UInt64,
        bytesToServer: UInt64, bytesToClient: UInt64, endReason: String?, isContinuation: Bool
    ) {
        self.clientMAC = clientMAC
        self.serverMAC = serverMAC
        self.end = end
        self.packetsToServer = packetsToServer
        self.packetsToClient = packetsToClient
        self.bytesToServer = bytesToServer
        self.bytesToClient = bytesToClient
        self.endReason = endReason
        self.isContinuation = isContinuation
    }

    /// A session's end as its flow's report tells it: nil while open (an interim report);
    /// `closed` once TCP closed (FIN both ways, or a RST), even when the capture or the table
    /// ended the flow before its closed-timeout ran out; otherwise the flow table's reason.
    public static func endReason(flowReason: String, interim: Bool, tcpClosed: Bool) -> String? {
        if interim { return nil }
        return tcpClosed ? "closed" : flowReason
    }

    /// Folds a later report of the same flow into this one.
    public mutating func merge(_ later: RemoteSessionObservation) {
        guard later.isContinuation else {
            self = later
            return
        }
        end = max(end, later.end)
        packetsToServer &+= later.packetsToServer
        packetsToClient &+= later.packetsToClient
        bytesToServer &+= later.bytesToServer
        bytesToClient &+= later.bytesToClient
        endReason = later.endReason
    }
}

/// A remote-access session read back from the store. Addresses are as stored (text).
public struct StoredRemoteSession: Sendable, Equatable {
    /// The capture or sensor that reported it last (`IngestSource.id`).
    public var sourceID: Int64
    public var client: String
    public var clientPort: UInt16
    public var clientMAC: String?
    public var server: String
    public var serverPort: UInt16
    public var serverMAC: String?
    public var protocolName: String
    /// First and last packet, ns since the epoch.
    public var start: Int64
    public var end: Int64
    public var packetsToServer: UInt64
    public var packetsToClient: UInt64
    public var bytesToServer: UInt64
    public var bytesToClient: UInt64
    /// nil while the session is open (a live flow not ended yet).
    public var endReason: String?
    /// Inventory asset ids of the two sides, once an inventory that holds their addresses was saved.
    public var clientAsset: String?
    public var serverAsset: String?

    public init(
        sourceID: Int64, client: String, clientPort: UInt16, clientMAC: String?, server: String, serverPort: UInt16,
        serverMAC: String?, protocolName: String, start: Int64, end: Int64, packetsToServer: UInt64,
        packetsToClient: UInt64, bytesToServer: UInt64, bytesToClient: UInt64, endReason: String?,
        clientAsset: String?, serverAsset: String?
    ) {
        self.sourceID = sourceID
        self.client = client
        self.clientPort = clientPort
        self.clientMAC = clientMAC
        self.server = server
        self.serverPort = serverPort
        self.serverMAC = serverMAC
        self.protocolName = protocolName
        self.start = start
        self.end = end
        self.packetsToServer = packetsToServer
        self.packetsToClient = packetsToClient
        self.bytesToServer = bytesToServer
        self.bytesToClient = bytesToClient
        self.endReason = endReason
        self.clientAsset = clientAsset
        self.serverAsset = serverAsset
    }

    public var isOpen: Bool { endReason == nil }
}

/// Which remote-access sessions to read: newest first (by start).
public struct RemoteSessionQuery: Sendable, Equatable {
    /// Only sessions into this server address.
    public var server: String?
    /// Only sessions active at or after this time (their last packet is not earlier).
    public var since: Int64?
    /// Only sessions that started at or before this time.
    public var until: Int64?
    public var limit = 1000
    public var offset = 0
    public init() {}
}

/// Remote-access sessions (RDP, VNC, SSH, TeamViewer, AnyDesk, Telnet), one per flow.
public protocol RemoteSessionStore: AnyObject, Sendable {
    /// Sessions matching `query`, newest start first.
    func remoteSessions(_ query: RemoteSessionQuery) throws(StoreError) -> [StoredRemoteSession]
}
