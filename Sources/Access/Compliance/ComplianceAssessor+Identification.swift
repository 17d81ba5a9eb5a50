import AssetInventory
import EventModel

/// FR 1: who and what authenticates.
extension ComplianceAssessor {
    func humanAuthentication() -> RequirementFinding {
        let requirement = RequirementCatalog.humanAuthentication
        let logins = input.access.credentials.filter { $0.kind != .community && $0.protocolName != "snmp" }
        let cleartext = logins.filter { ProtocolSecurity.cleartext.contains($0.protocolName) }
        let sessions = input.access.sessions
        var statements: [String] = []
        var examples: [String] = []
        if !cleartext.isEmpty {
            let protocols = Set(cleartext.map(\.protocolName)).sorted().joined(separator: ", ")
            statements.append(
                "\(Self.plural(cleartext.count, "login")) over protocols that send credentials in clear (\(protocols)): anyone on the path can take the account."
            )
            examples += cleartext.map {
                "\($0.client.label) → \($0.server.label): \($0.protocolName) account \(PrintableText.clean($0.account))"
            }
        }
        var users: [String: Set<String>] = [:]
        for login in logins where login.namesAnAccount {
            users[login.account, default: []].insert(login.client.address)
        }
        for (account, hosts) in users.sorted(by: { $0.key < $1.key }) where hosts.count > 1 {
            statements.append(
                "Account \(PrintableText.clean(account)) was used from \(hosts.count) hosts: a shared account cannot identify a person."
            )
        }
        let anonymous = input.access.opcuaChannels.filter(\.allowsAnonymous)
        if !anonymous.isEmpty {
            statements.append(
                "\(Self.plural(anonymous.count, "OPC UA client → server pair")) activated anonymous sessions: no user is identified."
            )
            examples += anonymous.map { "\($0.client.label) → \($0.server.label): OPC UA anonymous session" }
        }
        if !sessions.isEmpty {
            let byProtocol = Dictionary(grouping: sessions, by: \.protocolName).map { "\($0.key) \($0.value.count)" }
            statements.append(
                "Remote-access sessions seen: \(byProtocol.sorted().joined(separator: ", ")); each needs a personal login on the target, which traffic does not show."
            )
        }
        statements.append("Whether every person has an individual account is not assessable from traffic.")
        let status: ComplianceStatus =
            !cleartext.isEmpty || !anonymous.isEmpty || users.values.contains { $0.count > 1 }
            ? .gap : (logins.isEmpty && sessions.isEmpty ? .notAssessable : .evidence)
        if logins.isEmpty && sessions.isEmpty && anonymous.isEmpty {
            statements.insert("No logins and no remote-access sessions were seen.", at: 0)
        }
        return finding(requirement, status, statements, examples)
    }

    func deviceAuthentication() -> RequirementFinding {
        let requirement = RequirementCatalog.deviceAuthentication
        let industrial = unauthenticatedEdges()
        guard !industrial.isEmpty else {
            return finding(
                requirement, .notAssessable,
                [
                    "No industrial protocol without authentication was seen; how other protocols authenticate devices is not judged."
                ]
            )
        }
        var statements: [String] = []
        let changing = industrial.filter { $0.changes > 0 }
        if !changing.isEmpty {
            var perProtocol: [String: [Operation: UInt64]] = [:]
            var hosts: [String: Set<String>] = [:]
            for edge in changing {
                for operation in AccessMatrix.changingCategories {
                    perProtocol[edge.edge.protocolName, default: [:]][operation, default: 0] += edge.requested(
                        operation)
                }
                hosts[edge.edge.protocolName, default: []].insert(edge.client.assetID)
            }
            let parts = perProtocol.keys.sorted().map { name in
                let counts = AccessMatrix.changingCategories.map { ($0, perProtocol[name]?[$0] ?? 0) }
                return "\(name) (\(Self.describe(counts)); from \(Self.plural(hosts[name]?.count ?? 0, "host")))"
            }
            statements.append(
                "Writes, commands or program transfers without authentication of the sender: \(parts.joined(separator: "; ")). The device cannot tell an authorised station from any other host that reaches its port."
            )
        }
        let protocols = Set(industrial.map(\.edge.protocolName)).sorted()
        statements.append(
            "\(Self.plural(industrial.count, "client → server pair")) used industrial protocols that carry no device authentication: \(protocols.joined(separator: ", "))."
        )
        let unsigned = input.access.opcuaChannels.filter(\.allowsUnsigned)
        if !unsigned.isEmpty {
            statements.append(
                "\(Self.plural(unsigned.count, "OPC UA client → server pair")) opened secure channels with security mode None: no application certificate authenticates either side."
            )
        }
        let examples = changing.sorted { ($0.changes, $1.pair) > ($1.changes, $0.pair) }.map { edge in
            "\(edge.pair): \(edge.edge.protocolName) \(Self.describe(AccessMatrix.changingCategories.map { ($0, edge.requested($0)) }))"
        }
        return finding(requirement, .gap, statements, examples)
    }

    func untrustedNetworks() -> RequirementFinding {
        let requirement = RequirementCatalog.untrustedNetworks
        let fromOutside = input.access.sessions.filter { isPublic($0.client) }
        let operationalToPublic = edges.filter { edge in
            (isPublic(edge.client) && index.operationalReason(edge.server) != nil)
                || (isPublic(edge.server) && index.operationalReason(edge.client) != nil)
        }
        var statements: [String] = []
        var examples: [String] = []
        if !fromOutside.isEmpty {
            statements.append(
                "\(Self.plural(fromOutside.count, "remote-access session")) came from public addresses (\(Set(fromOutside.map(\.protocolName)).sorted().joined(separator: ", ")))."
            )
            examples += fromOutside.map { "\($0.client.address) → \($0.server.label): \($0.protocolName)" }
        }
        if !operationalToPublic.isEmpty {
            statements.append(
                "\(Self.plural(operationalToPublic.count, "pair")) connected OT assets with public addresses.")
            examples += operationalToPublic.map { "\($0.pair): \($0.edge.protocolName)" }
        }
        if statements.isEmpty {
            statements.append(
                "No remote-access session from a public address and no OT asset talking to a public address was seen (\(Self.plural(input.access.sessions.count, "remote-access session")) in all)."
            )
            statements.append(
                "Access through a VPN or jump host arrives from inside addresses: whether those are trusted is not assessable from traffic."
            )
            return finding(requirement, .evidence, statements)
        }
        return finding(requirement, .gap, statements, examples)
    }
}
