import AssetInventory
import Foundation
import PacketLayers
import Storage

/// Reads the access observations back from the store, through its ports only. Remote access comes
/// from the session table, one row per flow (the newest `AccessCollector.maximumSessions`); the
/// store keeps notable events, so accounts come from the events that carried them, but an FTP
/// PASS (session chatter) is not kept: whether the password crossed stays open. Telnet logins
/// come from the server banners that prompted for them.
public enum AccessStoreReader {
    /// Protocols whose stored events can carry an account.
    static let accountProtocols = ["ftp", "http", "snmp", "smb", "rdp", "telnet"]
    static let pageSize = 5_000

    public static func read(
        _ store: any ObservationStore & EventStore & SourceLedger & RemoteSessionStore, path: String,
        reference: ReferenceData
    ) throws(StoreError) -> AccessData {
        let collector = InventoryCollector()
        try store.loadObservations(into: collector)
        let inventory = InventoryBuilder(reference: reference).build(collector)
        var observations = AccessObservations()
        var sessionQuery = RemoteSessionQuery()
        sessionQuery.limit = AccessCollector.maximumSessions + 1
        let stored = try store.remoteSessions(sessionQuery)
        if stored.count > AccessCollector.maximumSessions { observations.capHits += 1 }
        observations.sessions = sessions(stored.prefix(AccessCollector.maximumSessions))
        var credentials: [AccessCollector.CredentialKey: AccessObservations.Credential] = [:]
        for protocolName in accountProtocols {
            var query = EventQuery()
            query.protocolName = protocolName
            query.limit = pageSize
            while true {
                let page = try store.events(query)
                for event in page {
                    for credential in credentialsIn(event) {
                        guard credentials.count < AccessCollector.maximumCredentials else {
                            observations.capHits += 1
                            continue
                        }
                        let key = AccessCollector.CredentialKey(
                            client: credential.client, server: credential.server,
                            protocolName: credential.protocolName, kind: credential.kind, account: credential.account)
                        if var known = credentials[key] {
                            known.count += 1
                            known.firstSeen = min(known.firstSeen, credential.firstSeen)
                            known.lastSeen = max(known.lastSeen, credential.lastSeen)
                            if credential.secretVisible == true { known.secretVisible = true }
                            credentials[key] = known
                        } else {
                            credentials[key] = credential
                        }
                    }
                }
                if page.count < query.limit { break }
                query.offset += page.count
            }
        }
        observations.credentials = credentials.values.sorted {
            ($0.firstSeen, $0.protocolName, $0.account, $0.client.description)
                < ($1.firstSeen, $1.protocolName, $1.account, $1.client.description)
        }
        let sources = try store.sources()
        let scope = ObservationScope(
            sources: [path], firstSeen: sources.compactMap(\.firstPacket).min(),
            lastSeen: sources.compactMap(\.lastPacket).max(), continuous: sources.contains { $0.kind == .sensor })
        return AccessData(inventory: inventory, observations: observations, scope: scope)
    }

    /// Stored sessions as the capture path reports them, oldest first. The store file is input
    /// like any other: a row whose addresses do not parse is left out.
    static func sessions(_ stored: ArraySlice<StoredRemoteSession>) -> [AccessObservations.Session] {
        stored.compactMap { row in
            guard let client = IPAddress(row.client), let server = IPAddress(row.server) else { return nil }
            return AccessObservations.Session(
                client: client, server: server, protocolName: row.protocolName, serverPort: row.serverPort,
                start: row.start, end: row.end, bytesToServer: row.bytesToServer, bytesToClient: row.bytesToClient,
                packets: row.packetsToServer &+ row.packetsToClient, endReason: row.endReason)
        }.sorted(by: AccessObservations.Session.chronological)
    }

    /// The accounts one stored event carries (its JSON line is untrusted text like any other input).
    static func credentialsIn(_ event: StoredEvent) -> [AccessObservations.Credential] {
        guard let source = IPAddress(event.source), let destination = IPAddress(event.destination),
            let data = event.json.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return [] }
        let clientIsSource = event.direction != "response"
        let client = clientIsSource ? source : destination
        let server = clientIsSource ? destination : source
        func sighting(_ kind: CredentialSighting.Kind, _ account: String, secretVisible: Bool?)
            -> AccessObservations.Credential
        {
            AccessObservations.Credential(
                client: client, server: server, protocolName: event.protocolName, kind: kind, account: account,
                secretVisible: secretVisible, count: 1, firstSeen: event.timestamp, lastSeen: event.timestamp)
        }
        if event.protocolName == "telnet" {
            guard event.functionName == "Telnet Banner" else { return [] }
            let banner = ((object["identity"] as? [String: Any])?["software"] as? String ?? "").lowercased()
            let prompts = banner.contains("login") || banner.contains("password") || banner.contains("username")
            // The banner comes from the server: the client is its destination.
            return [
                AccessObservations.Credential(
                    client: destination, server: source, protocolName: "telnet", kind: .interactiveLogin,
                    account: CredentialSighting.undecodedKeystrokes, secretVisible: prompts ? true : nil, count: 1,
                    firstSeen: event.timestamp, lastSeen: event.timestamp)
            ]
        }
        var accounts: [String] = []
        if let identity = object["identity"] as? [String: Any] {
            if let value = identity["account"] as? String { accounts.append(value) }
            if let values = identity["account"] as? [Any] { accounts += values.compactMap { $0 as? String } }
        }
        for related in object["related_identity"] as? [[String: Any]] ?? [] where related["key"] as? String == "account"
        {
            if let value = related["value"] as? String { accounts.append(value) }
        }
        let targetText = (object["target"] as? [String: Any])?["text"] as? String ?? ""
        return accounts.map { account in
            switch event.protocolName {
            case "snmp" where targetText.hasPrefix("community "):
                sighting(.community, SecretMask.masked(length: account.utf8.count), secretVisible: true)
            case "http": sighting(.userName, account, secretVisible: true)
            case "ftp": sighting(.userName, account, secretVisible: nil)
            default: sighting(.userName, account, secretVisible: false)
            }
        }
    }
}
