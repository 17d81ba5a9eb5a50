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
        public var sessions: UInt64 = 1
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
    /// Where the sessions come from: flows (one row per session) or the store's pairs.
    public var sessionsArePairs = false

    public init() {}
}
