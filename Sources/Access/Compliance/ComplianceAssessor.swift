import AssetInventory
import EventModel
import Monitor
import PacketLayers

/// Judges each requirement on the inventory, the communication map and the access report.
/// Statements give counts; examples name a few pairs (at most `exampleLimit`).
public struct ComplianceAssessor {
    static let exampleLimit = 8
    let input: ComplianceInput
    let index: AssetIndex

    public init(_ input: ComplianceInput, zones: AccessZones = .none) {
        self.input = input
        self.index = AssetIndex(input.inventory, zones: zones)
    }

    public func assess() -> ComplianceReport {
        var findings = [
            humanAuthentication(), deviceAuthentication(), untrustedNetworks(), authorization(), sessionTermination(),
            auditableEvents(), communicationIntegrity(), softwareIntegrity(), confidentiality(), cryptography(),
            segmentation(), boundaryProtection(), continuousMonitoring(), leastFunctionality(), componentInventory(),
        ]
        for (requirement, reason) in RequirementCatalog.notAssessable {
            findings.append(
                RequirementFinding(
                    requirement: requirement, status: .notAssessable,
                    statements: ["Not assessable from traffic: \(reason)."], examples: []))
        }
        findings.sort { lhs, rhs in
            lhs.requirement.foundational.rawValue != rhs.requirement.foundational.rawValue
                ? lhs.requirement.foundational.rawValue < rhs.requirement.foundational.rawValue
                : Self.order(lhs.requirement.id).lexicographicallyPrecedes(Self.order(rhs.requirement.id))
        }
        return ComplianceReport(scope: input.scope, findings: findings)
    }

    /// "SR 1.13" sorts after "SR 1.2".
    static func order(_ id: String) -> [Int] {
        id.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    // MARK: shared views of the map

    /// A client → server edge with both parties resolved (asset nodes only).
    struct ResolvedEdge {
        var edge: CommunicationMap.Edge
        var client: AccessParty
        var server: AccessParty
        var serverRole: AssetRole

        func requested(_ operation: Operation) -> UInt64 { UInt64(edge.operations.byClient(operation)) }
        var changes: UInt64 { AccessMatrix.changingCategories.reduce(0) { $0 + requested($1) } }
        var pair: String { "\(client.label) → \(server.label)" }
    }

    var edges: [ResolvedEdge] {
        input.inventory.map.edges.compactMap { edge in
            guard let client = index.party(assetID: edge.client), let server = index.party(assetID: edge.server) else {
                return nil
            }
            return ResolvedEdge(edge: edge, client: client, server: server, serverRole: server.role)
        }
    }

    /// "write 12, control 3": the non-zero changing categories of an edge or a sum.
    static func describe(_ counts: [(Operation, UInt64)]) -> String {
        counts.filter { $0.1 > 0 }.map { "\($0.0.name) \($0.1)" }.joined(separator: ", ")
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
    static func plural(_ count: UInt64, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    func finding(
        _ requirement: Requirement, _ status: ComplianceStatus, _ statements: [String], _ examples: [String] = []
    ) -> RequirementFinding {
        RequirementFinding(
            requirement: requirement, status: status, statements: statements,
            examples: Array(examples.prefix(Self.exampleLimit)))
    }

    /// OPC UA pairs whose channels ran with security mode None: no application authentication,
    /// no signature on the messages.
    var unsignedOPCUAPairs: Set<String> {
        Set(input.access.opcuaChannels.filter(\.allowsUnsigned).map { "\($0.client.address)>\($0.server.address)" })
    }

    /// Edges over protocols without authentication of the sender: the industrial ones by nature,
    /// OPC UA where its channel ran unsigned.
    func unauthenticatedEdges() -> [ResolvedEdge] {
        let unsigned = unsignedOPCUAPairs
        return edges.filter {
            ProtocolSecurity.unauthenticatedIndustrial.contains($0.edge.protocolName)
                || ($0.edge.protocolName == "opcua" && unsigned.contains("\($0.client.address)>\($0.server.address)"))
        }
    }

    func isPublic(_ party: AccessParty) -> Bool {
        if party.zone == "internet" { return true }
        return IPAddress(party.address).map(AddressScope.isPublic) ?? false
    }
}
