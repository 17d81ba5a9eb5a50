import AssetInventory
import EventModel
import Monitor

/// FR 4 to FR 7: confidentiality, segmentation, monitoring, functionality, inventory.
extension ComplianceAssessor {
    func confidentiality() -> RequirementFinding {
        let requirement = RequirementCatalog.confidentiality
        let credentials = input.access.credentials
        let exposed = credentials.filter { $0.secretVisible == true }
        let cleartextEdges = edges.filter { ProtocolSecurity.cleartext.contains($0.edge.protocolName) }
        let cleartextFlows = cleartextEdges.reduce(UInt64(0)) { $0 + $1.edge.flows }
        var statements: [String] = []
        if !credentials.isEmpty {
            let communities = credentials.filter { $0.kind == .community }.count
            statements.append(
                "\(Self.plural(credentials.count, "credential")) seen in clear (\(Set(credentials.map(\.protocolName)).sorted().joined(separator: ", "))), \(exposed.count) with the password or secret itself readable\(communities > 0 ? ", of which \(communities) SNMP \(communities == 1 ? "community" : "communities") (the community is the secret)" : ""). Palisade never stores or prints the secrets."
            )
        }
        if cleartextFlows > 0 {
            statements.append(
                "\(Self.plural(cleartextFlows, "flow")) used protocols that carry their content in clear (\(Set(cleartextEdges.map(\.edge.protocolName)).sorted().joined(separator: ", ")))."
            )
        }
        guard !statements.isEmpty else {
            return finding(
                requirement, .evidence,
                [
                    "No credential and no cleartext protocol (FTP, Telnet, HTTP, SNMP, MQTT, VNC …) was seen.",
                    "Confidentiality of data at rest is not assessable from traffic.",
                ])
        }
        statements.append("Confidentiality of data at rest is not assessable from traffic.")
        let examples = credentials.map { credential in
            "\(credential.client.label) → \(credential.server.label): \(credential.protocolName) \(credential.kind.rawValue.replacingOccurrences(of: "_", with: " ")) \(PrintableText.clean(credential.account)), secret visible: \(AccessFormatter.visibility(credential.secretVisible))"
        }
        // A user name alone is an identifier, not a secret: the gap is a readable secret, or one
        // that may have been (a cleartext protocol where the source cannot tell).
        let mayExpose = credentials.contains {
            $0.secretVisible == true
                || ($0.secretVisible == nil && ProtocolSecurity.cleartext.contains($0.protocolName))
        }
        return finding(requirement, mayExpose ? .gap : .evidence, statements, examples)
    }

    func cryptography() -> RequirementFinding {
        let requirement = RequirementCatalog.cryptography
        let encrypted = edges.filter { ProtocolSecurity.encrypted.contains($0.edge.protocolName) }
        let management = edges.filter {
            ["telnet", "ftp", "http", "snmp", "vnc"].contains($0.edge.protocolName)
                && index.operationalReason($0.server) != nil
        }
        var statements: [String] = []
        if !encrypted.isEmpty {
            statements.append(
                "Encryption in use on \(Self.plural(encrypted.count, "pair")) (\(Set(encrypted.map(\.edge.protocolName)).sorted().joined(separator: ", ")))."
            )
        }
        if !management.isEmpty {
            statements.append(
                "\(Self.plural(management.count, "pair")) \(management.count == 1 ? "reaches" : "reach") OT assets over cleartext management protocols (\(Set(management.map(\.edge.protocolName)).sorted().joined(separator: ", "))) where an encrypted alternative exists."
            )
        }
        statements.append("Cipher suites, key lengths and certificate validation are not judged here.")
        let status: ComplianceStatus =
            !management.isEmpty ? .gap : (encrypted.isEmpty ? .notAssessable : .evidence)
        return finding(
            requirement, status, statements, management.map { "\($0.pair): \($0.edge.protocolName)" })
    }

    func segmentation() -> RequirementFinding {
        let requirement = RequirementCatalog.segmentation
        guard let segmentation = input.segmentation, segmentation.zonesConfigured > 0 else {
            return finding(
                requirement, .notAssessable,
                [
                    "No zones are configured: segmentation cannot be judged against a zone model. Define zones (--zones) or let palisade zones suggest propose them."
                ] + purdueObservations())
        }
        var statements = [
            "\(Self.plural(segmentation.zonesConfigured, "zone")) and \(Self.plural(segmentation.conduitsConfigured, "conduit")) configured."
        ]
        statements.append(
            segmentation.crossZoneFlowsWithoutConduit == 0
                ? "Every cross-zone pair seen has a conduit."
                : "\(Self.plural(segmentation.crossZoneFlowsWithoutConduit, "cross-zone pair")) without a conduit.")
        if segmentation.levelSkips > 0 {
            statements.append(
                "\(Self.plural(segmentation.levelSkips, "pair")) skipped Purdue levels (levels 4-5 straight to 0-1).")
        }
        let gap = segmentation.crossZoneFlowsWithoutConduit > 0 || segmentation.levelSkips > 0
        return finding(requirement, gap ? .gap : .evidence, statements, segmentation.examples)
    }

    func boundaryProtection() -> RequirementFinding {
        let requirement = RequirementCatalog.boundaryProtection
        guard let segmentation = input.segmentation, segmentation.zonesConfigured > 0 else {
            return finding(
                requirement, .notAssessable,
                ["No zones are configured: there are no zone boundaries to judge the traffic against."])
        }
        var statements: [String] = []
        if segmentation.conduitOperationViolations > 0 {
            statements.append(
                "\(Self.plural(segmentation.conduitOperationViolations, "pair")) used a conduit for an operation it does not allow."
            )
        }
        if segmentation.operationalToInternet > 0 {
            statements.append(
                "\(Self.plural(segmentation.operationalToInternet, "pair")) crossed between OT zones and the internet.")
        }
        if segmentation.crossZoneFlowsWithoutConduit > 0 {
            statements.append(
                "Traffic without a conduit crossed \(Self.plural(segmentation.crossZoneFlowsWithoutConduit, "boundary pair")): the boundary did not stop it."
            )
        }
        if statements.isEmpty {
            statements.append("Traffic crossed zone boundaries only through conduits, with the operations they allow.")
            return finding(requirement, .evidence, statements)
        }
        return finding(requirement, .gap, statements, segmentation.examples)
    }

    /// Without zones: pairs between Purdue levels far apart, as the inventory places them.
    private func purdueObservations() -> [String] {
        let skips = edges.filter { edge in
            guard let client = edge.client.purdueLevel, let server = edge.server.purdueLevel else { return false }
            return (client >= 4 && server <= 1) || (server >= 4 && client <= 1)
        }
        guard !skips.isEmpty else { return [] }
        return [
            "Observed anyway: \(Self.plural(skips.count, "pair")) between Purdue levels 4-5 and 0-1 as the inventory places the hosts."
        ]
    }

    func continuousMonitoring() -> RequirementFinding {
        let requirement = RequirementCatalog.continuousMonitoring
        let scope = input.scope
        var span = "no packets"
        if let first = scope.firstSeen, let last = scope.lastSeen {
            span = "\(rfc3339(first)) to \(rfc3339(last)) (\(secondsText(Double(last - first) / 1e9)) s)"
        }
        if scope.continuous {
            return finding(
                requirement, .evidence,
                [
                    "A Palisade sensor monitors the network continuously; the store holds traffic from \(span).",
                    "Whether alerts are acted on in time is not assessable from traffic.",
                ])
        }
        return finding(
            requirement, .notAssessable,
            [
                "This report comes from capture files covering \(span): it shows what monitoring finds, not that monitoring is continuous."
            ])
    }

    func leastFunctionality() -> RequirementFinding {
        let requirement = RequirementCatalog.leastFunctionality
        let controllers = input.inventory.assets.filter { AccessRoles.controllers.contains($0.role) }
        guard !controllers.isEmpty else {
            return finding(requirement, .notAssessable, ["No controller (PLC, RTU, I/O device) was identified."])
        }
        var examples: [String] = []
        for asset in controllers {
            let extra = asset.serverProtocols.filter { ProtocolSecurity.nonIndustrialServices.contains($0) }
            guard !extra.isEmpty, let party = index.party(assetID: asset.id) else { continue }
            examples.append("\(party.label) (\(asset.role.title)) serves \(extra.joined(separator: ", "))")
        }
        if examples.isEmpty {
            return finding(
                requirement, .evidence,
                [
                    "None of the \(Self.plural(controllers.count, "controller")) served a web, file-transfer, shell, remote-desktop or management protocol in the traffic seen.",
                    "Services enabled but unused are not assessable from passive traffic.",
                ])
        }
        return finding(
            requirement, .gap,
            [
                "\(Self.plural(examples.count, "controller")) of \(controllers.count) served non-industrial services (web, file transfer, shell, remote desktop, management): attack surface beyond the control function.",
                "Services enabled but unused are not assessable from passive traffic.",
            ], examples)
    }

    func componentInventory() -> RequirementFinding {
        let requirement = RequirementCatalog.componentInventory
        let assets = input.inventory.assets
        guard !assets.isEmpty else { return finding(requirement, .notAssessable, ["No device was seen."]) }
        var byRole: [AssetRole: Int] = [:]
        for asset in assets { byRole[asset.role, default: 0] += 1 }
        let roles = AssetRole.allCases.compactMap { role in byRole[role].map { "\(role.title) \($0)" } }
        let identified = assets.filter { asset in
            asset.identity.vendor != nil && (asset.identity.model != nil || asset.identity.product != nil)
        }
        let withFirmware = assets.filter { $0.identity.firmware != nil }
        let withLevel = assets.filter { $0.purdueLevel != nil }
        return finding(
            requirement, .evidence,
            [
                "Palisade built an inventory of \(Self.plural(assets.count, "asset")) from traffic: \(roles.joined(separator: ", ")).",
                "\(identified.count) of \(assets.count) identify vendor and model or product from their own protocols, \(withFirmware.count) their firmware; \(withLevel.count) have a Purdue level.",
                "Devices that stayed silent during the observation are not in it.",
            ])
    }
}
