import PacketLayers

/// What the access analysis keeps from the packet path (or reads from the store), before the
/// addresses are resolved to assets and zones.
public struct AccessObservations: Sendable {
    public struct Session: Sendable {
        public var client: IPAddress
        public var server: IPAddress
        public var protocolName: String
        public var serverPort: UInt16
        public var start: Int64
        public var end: Int64
        public var bytesToServer: UInt64
        public var bytesToClient: UInt64
        public var packets: UInt64
        /// Why the flow ended (`FlowEndReason` raw value); nil while it is still open.
        public var endReason: String?

        /// The order of the report: by start, then by the ends, so that sessions starting together
        /// list alike from a capture and from the store.
        static func chronological(_ a: Session, _ b: Session) -> Bool {
            (a.start, a.client.description, a.server.description, a.serverPort, a.protocolName)
                < (b.start, b.client.description, b.server.description, b.serverPort, b.protocolName)
        }
    }

    public struct Credential: Sendable {
        public var client: IPAddress
        public var server: IPAddress
        public var protocolName: String
        public var kind: CredentialSighting.Kind
        /// The account as seen, or the masked community (`SecretMask`): the secret never gets here.
        public var account: String
        public var secretVisible: Bool?
        public var count: UInt64
        public var firstSeen: Int64
        public var lastSeen: Int64
    }

    /// How an OPC UA client secured its channels to a server and which identity tokens it gave.
    public struct OPCUAChannel: Sendable {
        public var client: IPAddress
        public var server: IPAddress
        /// Message security modes of the OpenSecureChannel requests: `None`, `Sign`, `SignAndEncrypt`.
        public var securityModes: Set<String> = []
        /// ActivateSession identity tokens: `anonymous`, `username`, `certificate`, `issued-token`.
        public var identityTokens: Set<String> = []
    }

    public var sessions: [Session] = []
    /// From captures only: the store keeps no session set-up events.
    public var opcuaChannels: [OPCUAChannel] = []
    public var credentials: [Credential] = []
    /// Entries dropped at the collector's caps.
    public var capHits: UInt64 = 0

    public init() {}
}
