import AssetInventory
import EventModel
import Monitor

/// FR 2 and FR 3: who changes controllers, sessions, the audit trail, integrity.
extension ComplianceAssessor {
    /// A session this long has not been ended for inactivity.
    static let longSession: Int64 = 8 * 3600 * 1_000_000_000
    /// A host changing controllers over this many protocols is more than one vendor's station.
    static let broadChangeProtocols = 3

    func authorization() -> RequirementFinding {
        let requirement = RequirementCatalog.authorization
        let changing = input.access.matrix.filter(\.changesController)
        guard !changing.isEmpty else {
            let readers = Set(input.access.matrix.map(\.actor.assetID)).count
            return finding(
                requirement, input.access.matrix.isEmpty ? .notAssessable : .evidence,
                [
                    "No host wrote to, commanded or programmed a controller; \(Self.plural(readers, "host")) only read from controllers.",
                    "Whether the controllers would refuse an unauthorised change is not assessable from traffic.",
                ])
        }
        let actors = Set(changing.map(\.actor.assetID))
        let controllers = Set(changing.map(\.controller.assetID))
        var statements = [
            "\(Self.plural(actors.count, "host")) changed \(Self.plural(controllers.count, "controller")) (write, control, program or firmware); the access matrix (palisade access) lists each with counts and times."
        ]
        let outside = changing.filter { ($0.actor.purdueLevel ?? 0) >= 4 || isPublic($0.actor) }
        if !outside.isEmpty {
            statements.append(
                "\(Self.plural(Set(outside.map(\.actor.assetID)).count, "host")) at Purdue level 4-5 or on a public address changed controllers directly."
            )
        }
        var byController: [String: Set<String>] = [:]
        for entry in changing { byController[entry.controller.label, default: []].insert(entry.actor.label) }
        let shared = byController.filter { $0.value.count > 1 }
        if !shared.isEmpty {
            statements.append(
                "\(Self.plural(shared.count, "controller")) accepted changes from more than one host: \(shared.keys.sorted().joined(separator: ", "))."
            )
        }
        var protocolsByActor: [String: Set<String>] = [:]
        for entry in changing { protocolsByActor[entry.actor.label, default: []].insert(entry.protocolName) }
        let broad = protocolsByActor.filter { $0.value.count >= Self.broadChangeProtocols }
        for (actor, protocols) in broad.sorted(by: { $0.key < $1.key }) {
            statements.append(
                "\(actor) changed controllers over \(protocols.count) protocols (\(protocols.sorted().joined(separator: ", "))): an engineering station speaks its own vendors' protocols, a tool that speaks them all deserves review."
            )
        }
        statements.append(
            "Whether each of these hosts is authorised to do so is not assessable from traffic: review the matrix.")
        let examples = changing.map { entry in
            "\(entry.actor.label) (\(entry.actor.role.title)) → \(entry.controller.label): \(entry.protocolName) \(Self.describe(AccessMatrix.changingCategories.map { ($0, entry.count($0)) }))"
        }
        return finding(
            requirement, outside.isEmpty && shared.isEmpty && broad.isEmpty ? .evidence : .gap, statements, examples)
    }

    func sessionTermination() -> RequirementFinding {
        let requirement = RequirementCatalog.sessionTermination
        let sessions = input.access.sessions
        guard !sessions.isEmpty else {
            return finding(requirement, .notAssessable, ["No remote-access session was seen."])
        }
        let long = sessions.filter { $0.end - $0.start >= Self.longSession }
        let longest = sessions.max { $0.duration < $1.duration }!
        var statements = [
            "\(Self.plural(sessions.count, "remote-access session")); the longest lasted \(secondsText(longest.duration)) s (\(longest.protocolName) \(longest.client.label) → \(longest.server.label))."
        ]
        if !long.isEmpty {
            statements.append(
                "\(Self.plural(long.count, "session")) lasted 8 hours or more: nothing ended them for inactivity.")
        }
        let open = sessions.filter(\.isOpen)
        if !open.isEmpty {
            statements.append(
                "\(Self.plural(open.count, "session")) still open at the sensor's last report: its length so far is counted."
            )
        }
        statements.append("Idle timeouts configured on the targets are not assessable from traffic.")
        let examples = long.map {
            "\($0.client.label) → \($0.server.label): \($0.protocolName) \(secondsText($0.duration)) s from \(rfc3339($0.start))"
        }
        return finding(requirement, long.isEmpty ? .evidence : .gap, statements, examples)
    }

    func auditableEvents() -> RequirementFinding {
        let requirement = RequirementCatalog.auditableEvents
        let categories: [Operation] = [.write, .control, .program, .firmware, .diagnostic, .discovery]
        var totals: [Operation: UInt64] = [:]
        var pairs = 0
        for edge in edges {
            let counts = categories.map { ($0, edge.requested($0)) }
            if counts.contains(where: { $0.1 > 0 }) { pairs += 1 }
            for (operation, count) in counts { totals[operation, default: 0] += count }
        }
        let total = totals.values.reduce(0, +)
        guard total > 0 else {
            return finding(
                requirement, .notAssessable,
                ["No write, command, program, firmware, diagnostic or discovery request was seen to record."])
        }
        return finding(
            requirement, .evidence,
            [
                "Palisade recorded \(Self.plural(total, "control-system event")) from the network (\(Self.describe(categories.map { ($0, totals[$0] ?? 0) }))) on \(Self.plural(pairs, "client → server pair")), with source, destination, time and function: an audit trail that does not depend on the devices' own logs.",
                "Whether the devices themselves log these events is not assessable from traffic.",
            ])
    }

    func communicationIntegrity() -> RequirementFinding {
        let requirement = RequirementCatalog.communicationIntegrity
        let unprotected =
            unauthenticatedEdges() + edges.filter { ProtocolSecurity.cleartext.contains($0.edge.protocolName) }
        let changing = unprotected.filter { $0.changes > 0 }
        let protected = edges.filter { ProtocolSecurity.encrypted.contains($0.edge.protocolName) }
        var statements: [String] = []
        let unprotectedFlows = unprotected.reduce(UInt64(0)) { $0 + $1.edge.flows }
        let protectedFlows = protected.reduce(UInt64(0)) { $0 + $1.edge.flows }
        if unprotectedFlows + protectedFlows == 0 {
            return finding(requirement, .notAssessable, ["No protocol whose integrity protection is known was seen."])
        }
        statements.append(
            "\(Self.plural(unprotectedFlows, "flow")) used protocols with no integrity protection (no message authentication code or signature); \(Self.plural(protectedFlows, "flow")) used encrypted, integrity-protected protocols."
        )
        if !changing.isEmpty {
            let total = changing.reduce(UInt64(0)) { $0 + $1.changes }
            statements.append(
                "\(Self.plural(total, "write, command or program transfer")) crossed without integrity protection: a host on the path could alter them undetected."
            )
        }
        let examples = changing.sorted { ($0.changes, $1.pair) > ($1.changes, $0.pair) }.map { edge in
            "\(edge.pair): \(edge.edge.protocolName) \(Self.describe(AccessMatrix.changingCategories.map { ($0, edge.requested($0)) }))"
        }
        return finding(requirement, changing.isEmpty ? .evidence : .gap, statements, examples)
    }

    func softwareIntegrity() -> RequirementFinding {
        let requirement = RequirementCatalog.softwareIntegrity
        let transfers = input.access.matrix.filter { $0.count(.program) > 0 || $0.count(.firmware) > 0 }
        guard !transfers.isEmpty else {
            return finding(
                requirement, .evidence,
                [
                    "No program or firmware transfer to a controller was seen.",
                    "Whether controllers verify the integrity of the code they run is not assessable from traffic.",
                ])
        }
        let unprotected = transfers.filter { ProtocolSecurity.unauthenticatedIndustrial.contains($0.protocolName) }
        var statements = [
            "\(Self.plural(transfers.count, "client → controller pair")) carried program or firmware operations (upload, download, delete, start/stop of blocks)."
        ]
        if !unprotected.isEmpty {
            statements.append(
                "\(Self.plural(unprotected.count, "pair")) did so over protocols without authentication or integrity protection (\(Set(unprotected.map(\.protocolName)).sorted().joined(separator: ", ")))."
            )
        }
        statements.append("Whether the transferred code was signed or verified is not assessable from traffic.")
        let examples = transfers.map {
            "\($0.actor.label) → \($0.controller.label): \($0.protocolName) program \($0.count(.program)), firmware \($0.count(.firmware))"
        }
        return finding(requirement, unprotected.isEmpty ? .evidence : .gap, statements, examples)
    }
}
