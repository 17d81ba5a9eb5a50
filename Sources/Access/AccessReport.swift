import AssetInventory

/// The three views of `palisade access`: the matrix, remote sessions and cleartext credentials.
public struct AccessReport: Sendable {
    public var matrix: [AccessMatrixEntry]
    public var sessions: [RemoteSession]
    public var credentials: [CredentialSighting]
    /// True when the sessions are per client → server pair (from the store), not per session.
    public var sessionsArePairs: Bool
    public var capHits: UInt64

    public init(inventory: Inventory, observations: AccessObservations, zones: AccessZones = .none) {
        let index = AssetIndex(inventory, zones: zones)
        matrix = AccessMatrix.build(inventory, index: index)
        sessions = observations.sessions.map { session in
            let server = index.party(address: session.server)
            return RemoteSession(
                client: index.party(address: session.client), server: server, protocolName: session.protocolName,
                serverPort: session.serverPort, start: session.start, end: session.end,
                bytesToServer: session.bytesToServer, bytesToClient: session.bytesToClient, packets: session.packets,
                sessions: session.sessions, operationalReason: index.operationalReason(server))
        }
        credentials = observations.credentials.map { credential in
            CredentialSighting(
                client: index.party(address: credential.client), server: index.party(address: credential.server),
                protocolName: credential.protocolName, kind: credential.kind, account: credential.account,
                secretVisible: credential.secretVisible, count: credential.count, firstSeen: credential.firstSeen,
                lastSeen: credential.lastSeen)
        }
        sessionsArePairs = observations.sessionsArePairs
        capHits = observations.capHits + inventory.capHits
    }
}
