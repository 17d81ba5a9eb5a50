import EventModel

/// Who talks to whom: nodes are assets plus the broadcast and multicast groups they address;
/// edges run client → server per protocol, transport and service port.
public struct CommunicationMap: Sendable {
    public struct Node: Sendable, Hashable {
        public enum Kind: String, Sendable { case asset, broadcast, multicast }
        public var id: String
        public var kind: Kind
        public var label: String
        public var role: AssetRole
        public var purdueLevel: Int?
    }

    public struct Edge: Sendable {
        public var client: String
        public var server: String
        public var protocolName: String
        /// "tcp", "udp" or "l2".
        public var transport: String
        public var serverPort: UInt16
        public var flows: UInt64
        public var packets: UInt64
        public var bytes: UInt64
        public var packetsToServer: UInt64
        public var packetsToClient: UInt64
        public var bytesToServer: UInt64
        public var bytesToClient: UInt64
        public var firstSeen: Int64
        public var lastSeen: Int64
        public var firstFrame: UInt64
        public var operations: OperationTally

        /// The most dangerous operation seen on the edge (map colouring, summaries).
        public var mostDangerousOperation: Operation {
            for operation in CommunicationMap.dangerOrder where operations[operation] > 0 { return operation }
            return .none
        }
    }

    /// Operations from most to least dangerous to a controller.
    public static let dangerOrder: [Operation] = [
        .firmware, .program, .control, .write, .diagnostic, .discovery, .read, .data, .session, .other,
    ]

    public var nodes: [Node] = []
    public var edges: [Edge] = []
}
