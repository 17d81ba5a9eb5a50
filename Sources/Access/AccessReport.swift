import AssetInventory

/// The three views of `palisade access`: the matrix, remote sessions and cleartext credentials.
public struct AccessReport: Sendable {
    public var matrix: [AccessMatrixEntry]
    public var sessions: [RemoteSession]
    public var credentials: [CredentialSighting]
    /// OPC UA security per client → server pair (captures only).
    public var opcuaChannels: [OPCUAChannelSecurity]
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
                endReason: session.endReason, operationalReason: index.operationalReason(server))
        }
        credentials = observations.credentials.map { credential in
            CredentialSighting(
                client: index.party(address: credential.client), server: index.party(address: credential.server),
                protocolName: credential.protocolName, kind: credential.kind, account: credential.account,
                secretVisible: credential.secretVisible, count: credential.count, firstSeen: credential.firstSeen,
                lastSeen: credential.lastSeen)
        }
        opcuaChannels = observations.opcuaChannels.map { channel in
            OPCUAChannelSecurity(
                client: index.party(address: channel.client), server: index.party(address: channel.server),
                securityModes: channel.securityModes.sorted(), identityTokens: channel.identityTokens.sorted())
        }
        capHits = observations.capHits + inventory.capHits
    }
}

/// How one OPC UA client secured its channels to one server.
public struct OPCUAChannelSecurity: Sendable {
    public var client: AccessParty
    public var server: AccessParty
    public var securityModes: [String]
    public var identityTokens: [String]

    /// A channel without signing: neither the application nor its messages are authenticated.
    public var allowsUnsigned: Bool { securityModes.contains("None") }
    public var allowsAnonymous: Bool { identityTokens.contains("anonymous") }
}
