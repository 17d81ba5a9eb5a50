import EventModel
import FlowTracking
import Monitor
import PacketLayers
import Storage

/// A `PacketPathObserver` per worker: keeps remote-access flows and the accounts seen in clear.
/// It asks for every event, because an FTP PASS (which tells that a password crossed in clear)
/// is session chatter and not notable; nothing is kept of the PASS but the flow it was on.
public final class AccessCollector: PacketPathObserver {
    public static let maximumSessions = 100_000
    public static let maximumCredentials = 10_000
    static let maximumTrackedFlows = 100_000

    struct FlowEnds: Hashable {
        var client: IPAddress
        var clientPort: UInt16
        var server: IPAddress
        var serverPort: UInt16
    }

    struct CredentialKey: Hashable {
        var client: IPAddress
        var server: IPAddress
        var protocolName: String
        var kind: CredentialSighting.Kind
        var account: String
    }

    private(set) var sessions: [AccessObservations.Session] = []
    private(set) var credentials: [CredentialKey: AccessObservations.Credential] = [:]
    /// The flows on which each FTP user name (or Telnet session) was seen.
    private(set) var credentialFlows: [FlowEnds: CredentialKey] = [:]
    /// Flows on which an FTP PASS went by, or a Telnet server prompted for a login.
    private(set) var secretFlows: Set<FlowEnds> = []
    private(set) var opcuaChannels: [FlowEnds: AccessObservations.OPCUAChannel] = [:]
    private(set) var capHits: UInt64 = 0

    public init() {}

    public var wantsEveryEvent: Bool { true }

    /// Capture analysis reports each flow once, when it ends; the later parts of a checkpointed
    /// flow (the sensor) are skipped rather than counted as sessions of their own.
    public func flowEnded(_ flow: FlowSummary) {
        guard RemoteAccessProtocols.all.contains(flow.application), !flow.isContinuation else { return }
        guard sessions.count < Self.maximumSessions else {
            capHits &+= 1
            return
        }
        let entry = flow.oriented.entry
        sessions.append(
            AccessObservations.Session(
                client: entry.client.address, server: entry.server.address, protocolName: flow.application.name,
                serverPort: entry.server.port, start: entry.firstSeen, end: entry.lastSeen,
                bytesToServer: entry.clientBytes, bytesToClient: entry.serverBytes, packets: entry.packets,
                endReason: RemoteSessionObservation.endReason(
                    flowReason: flow.reason.rawValue, interim: flow.isInterim, tcpClosed: entry.tcpState == .closed)))
    }

    public func observe(_ batch: EventBatch) {
        for event in batch.events {
            switch event.protocolID {
            case .ftp where event.direction == .request && "\(event.functionName)" == "PASS":
                track(secretFlow: ends(of: event, clientIsSource: true))
            case .telnet:
                observeTelnet(event, in: batch)
            case .mqtt where event.function == 1 && event.direction == .request:
                observeMQTTConnect(event)
            case .opcua where (event.function == 446 || event.function == 467) && event.direction == .request:
                observeOPCUASecurity(event, in: batch)
            default:
                break
            }
            guard event.identityCount > 0 else { continue }
            for fact in batch.facts(of: event) where fact.key == .account {
                observeAccount(batch.string(fact.value), of: event, in: batch)
            }
        }
    }

    private func observeTelnet(_ event: ProtocolEvent, in batch: EventBatch) {
        let name = "\(event.functionName)"
        if name == "Telnet Session" {
            record(
                CredentialKey(
                    client: event.source, server: event.destination, protocolName: "telnet", kind: .interactiveLogin,
                    account: CredentialSighting.undecodedKeystrokes), secretVisible: nil, event: event,
                flow: ends(of: event, clientIsSource: true))
        } else if name == "Telnet Banner" {
            // The banner comes from the server; a login or password prompt means credentials follow.
            let banner = batch.facts(of: event).map { batch.string($0.value).lowercased() }.joined(separator: " ")
            if banner.contains("login") || banner.contains("password") || banner.contains("username") {
                track(secretFlow: ends(of: event, clientIsSource: false))
            }
        }
    }

    /// MQTT CONNECT (§3.1): the decoder keeps the connect flags and whether a password was sent
    /// (target numbers 2 and 4), not the user name itself.
    private func observeMQTTConnect(_ event: ProtocolEvent) {
        let flags = event.target.second
        let passwordSent = event.target.fourth == 1
        guard flags >= 0, flags & 0x80 != 0 || passwordSent else { return }
        record(
            CredentialKey(
                client: event.source, server: event.destination, protocolName: "mqtt", kind: .userName,
                account: CredentialSighting.undecodedUserName), secretVisible: passwordSent, event: event, flow: nil)
    }

    /// OpenSecureChannelRequest (446) names the security mode ("<policy> mode=None"), and
    /// ActivateSessionRequest (467) the identity token ("anonymous", "username <name>", …).
    private func observeOPCUASecurity(_ event: ProtocolEvent, in batch: EventBatch) {
        guard event.target.kind == .text, !event.target.text.isEmpty else { return }
        let text = batch.string(event.target.text)
        // Per client and server, not per connection: the port is left out of the key.
        let pair = FlowEnds(client: event.source, clientPort: 0, server: event.destination, serverPort: 0)
        guard opcuaChannels[pair] != nil || opcuaChannels.count < Self.maximumCredentials else {
            capHits &+= 1
            return
        }
        var channel =
            opcuaChannels[pair] ?? AccessObservations.OPCUAChannel(client: event.source, server: event.destination)
        if event.function == 446 {
            if let mode = text.split(separator: " ").last, mode.hasPrefix("mode=") {
                channel.securityModes.insert(String(mode.dropFirst(5)))
            } else if !text.hasSuffix("#None") {
                // A policy other than None encrypts the rest of the request: the mode is Sign or
                // SignAndEncrypt (None is not allowed with a policy), which one is not visible.
                channel.securityModes.insert("Sign or SignAndEncrypt")
            }
        } else {
            let token = text.split(separator: " ", maxSplits: 1)
            guard let kind = token.first else { return }
            channel.identityTokens.insert(String(kind))
            if kind == "username", token.count == 2 {
                record(
                    CredentialKey(
                        client: event.source, server: event.destination, protocolName: "opcua", kind: .userName,
                        account: String(token[1])), secretVisible: nil, event: event, flow: nil)
            }
        }
        opcuaChannels[pair] = channel
    }

    private func observeAccount(_ value: String, of event: ProtocolEvent, in batch: EventBatch) {
        // Whoever asks presents the credential; a response carries the asker's community back.
        let clientIsSource = event.direction != .response
        let protocolName = event.protocolID.name
        var kind = CredentialSighting.Kind.userName
        var account = value
        var secretVisible: Bool? = false
        switch event.protocolID {
        case .snmp:
            if event.target.kind == .text, batch.string(event.target.text).hasPrefix("community ") {
                kind = .community
                account = SecretMask.masked(length: value.utf8.count)
                secretVisible = true
            }
        case .http:
            secretVisible = true  // Basic: base64(user:password) in every request
        case .ftp:
            secretVisible = nil  // decided when the flow's PASS is known (`finish`)
        default:
            break
        }
        let client = clientIsSource ? event.source : event.destination
        let server = clientIsSource ? event.destination : event.source
        record(
            CredentialKey(client: client, server: server, protocolName: protocolName, kind: kind, account: account),
            secretVisible: secretVisible, event: event,
            flow: event.protocolID == .ftp ? ends(of: event, clientIsSource: clientIsSource) : nil)
    }

    private func record(_ key: CredentialKey, secretVisible: Bool?, event: ProtocolEvent, flow: FlowEnds?) {
        if var known = credentials[key] {
            known.count &+= 1
            known.firstSeen = min(known.firstSeen, event.timestamp)
            known.lastSeen = max(known.lastSeen, event.timestamp)
            credentials[key] = known
        } else {
            guard credentials.count < Self.maximumCredentials else {
                capHits &+= 1
                return
            }
            credentials[key] = AccessObservations.Credential(
                client: key.client, server: key.server, protocolName: key.protocolName, kind: key.kind,
                account: key.account, secretVisible: secretVisible, count: 1, firstSeen: event.timestamp,
                lastSeen: event.timestamp)
        }
        if let flow {
            guard credentialFlows[flow] != nil || credentialFlows.count < Self.maximumTrackedFlows else {
                capHits &+= 1
                return
            }
            credentialFlows[flow] = key
        }
    }

    private func track(secretFlow flow: FlowEnds) {
        guard secretFlows.count < Self.maximumTrackedFlows else {
            capHits &+= 1
            return
        }
        secretFlows.insert(flow)
    }

    private func ends(of event: ProtocolEvent, clientIsSource: Bool) -> FlowEnds {
        clientIsSource
            ? FlowEnds(
                client: event.source, clientPort: event.sourcePort, server: event.destination,
                serverPort: event.destinationPort)
            : FlowEnds(
                client: event.destination, clientPort: event.destinationPort, server: event.source,
                serverPort: event.sourcePort)
    }

    /// Folds another worker's collector into this one.
    public func merge(_ other: AccessCollector) {
        sessions += other.sessions
        for (key, credential) in other.credentials {
            if var known = credentials[key] {
                known.count &+= credential.count
                known.firstSeen = min(known.firstSeen, credential.firstSeen)
                known.lastSeen = max(known.lastSeen, credential.lastSeen)
                credentials[key] = known
            } else {
                credentials[key] = credential
            }
        }
        credentialFlows.merge(other.credentialFlows) { mine, _ in mine }
        opcuaChannels.merge(other.opcuaChannels) { mine, theirs in
            var merged = mine
            merged.securityModes.formUnion(theirs.securityModes)
            merged.identityTokens.formUnion(theirs.identityTokens)
            return merged
        }
        secretFlows.formUnion(other.secretFlows)
        capHits &+= other.capHits
    }

    /// The observations, with each FTP account and Telnet session marked by whether a password
    /// crossed on one of its flows.
    public func finish() -> AccessObservations {
        var resolved = credentials
        for (flow, key) in credentialFlows where secretFlows.contains(flow) {
            resolved[key]?.secretVisible = true
        }
        for (key, credential) in resolved where credential.secretVisible == nil && key.protocolName == "ftp" {
            // USER seen, no PASS on its flows: the login stopped at the user name (or went anonymous).
            resolved[key]?.secretVisible = false
        }
        var observations = AccessObservations()
        observations.sessions = sessions.sorted(by: AccessObservations.Session.chronological)
        observations.credentials = resolved.values.sorted {
            ($0.firstSeen, $0.protocolName, $0.account, $0.client.description)
                < ($1.firstSeen, $1.protocolName, $1.account, $1.client.description)
        }
        observations.opcuaChannels = opcuaChannels.values.sorted {
            ($0.client.description, $0.server.description) < ($1.client.description, $1.server.description)
        }
        observations.capHits = capHits
        return observations
    }
}
