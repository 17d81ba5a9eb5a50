import AssetInventory
import Foundation
import Hummingbird
import Segmentation
import Storage

/// `/zones`: the configured zones and conduits, what crosses the zones in the stored map judged
/// against the conduits, and the policy as nftables rules or CSV for the firewall team.
/// `/api/zones` gives the findings as JSON. Without `--zones` the page says how to configure them.
struct ZonesPage {
    let server: ConsoleServer

    struct FindingRecord: Encodable {
        var client: String
        var server: String
        var clientZone: String
        var serverZone: String
        var protocolName: String
        var port: UInt16
        var finding: String
        var levelSkip: Bool
        var operationalToInternet: Bool
        enum CodingKeys: String, CodingKey {
            case client, server, port, finding
            case clientZone = "client_zone"
            case serverZone = "server_zone"
            case protocolName = "protocol"
            case levelSkip = "level_skip"
            case operationalToInternet = "ot_to_internet"
        }
    }

    struct ZonesRecord: Encodable {
        var zones: [String]
        var conduits: Int
        var findings: [FindingRecord]
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/zones") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(try render(identity))
        }
        router.get("/api/zones") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            guard let policy = server.zonePolicy else { throw HTTPError(.notFound, message: "no zones configured") }
            let findings = try findings(policy)
            return try APIRoutes.json(
                ZonesRecord(
                    zones: policy.zones.map(\.name), conduits: policy.conduits.count,
                    findings: findings.map {
                        FindingRecord(
                            client: $0.client, server: $0.server, clientZone: $0.clientZone, serverZone: $0.serverZone,
                            protocolName: $0.protocolName, port: $0.port, finding: $0.finding.rawValue,
                            levelSkip: $0.levelSkip, operationalToInternet: $0.operationalToInternet)
                    }))
        }
        router.get("/zones/policy") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            guard let policy = server.zonePolicy else { throw HTTPError(.notFound, message: "no zones configured") }
            let csv = request.query("format") == "csv"
            return Response(
                status: .ok,
                headers: [
                    .contentType: csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"palisade-policy.\(csv ? "csv" : "nft")\"",
                ],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: csv ? ConduitCSVExport.csv(policy) : NftablesExport.ruleset(policy))))
        }
    }

    /// The stored map's pairs judged against the policy (the inventory rebuilt from the
    /// observations, shared with the access views until the observations change).
    private func findings(_ policy: ZonePolicy) throws -> [ZonePairFinding] {
        policy.pairFindings(of: try server.accessViews().data.inventory)
    }

    func render(_ identity: ConsoleIdentity) throws -> String {
        var body = "<h1>Zones and conduits</h1>"
        guard let policy = server.zonePolicy else {
            body +=
                "<p class=\"empty\">No zones configured. Suggest them with <code>palisade zones suggest --db STORE</code>, review, then start the console with <code>palisade serve --zones FILE</code>.</p>"
            return HTMLPage.render(title: "Zones", identity: identity, active: "/zones", body: body)
        }
        body +=
            "<p>\(HTML.link("/zones/policy?format=nft", "nftables rules")) · \(HTML.link("/zones/policy?format=csv", "CSV for the firewall team"))</p>"
        body += "<section><h2>Zones</h2>"
        body += HTML.table(
            ["Zone", "Networks", "VLANs", "Purdue level", "SL-T", "Criticality", "Description"],
            policy.zones.map { zone in
                [
                    HTML.escape(zone.name), HTML.escape(zone.networks.map { "\($0)" }.joined(separator: ", ")),
                    zone.vlans.map(String.init).joined(separator: ", "), zone.purdueLevel.map(String.init) ?? "–",
                    zone.securityLevelTarget.map(String.init) ?? "–",
                    HTML.escape(zone.criticality.map { "\($0)" } ?? "–"),
                    HTML.escape(zone.description ?? ""),
                ]
            })
        body += "</section><section><h2>Conduits</h2>"
        body += HTML.table(
            ["Conduit", "From", "To", "Protocols", "Ports", "Operations", "Justification"],
            policy.conduits.map { conduit in
                [
                    HTML.escape(conduit.name), HTML.escape(conduit.from), HTML.escape(conduit.to),
                    HTML.escape(conduit.protocols.isEmpty ? "any" : conduit.protocols.joined(separator: ", ")),
                    conduit.ports.isEmpty ? "any" : conduit.ports.map(String.init).joined(separator: ", "),
                    HTML.escape(conduit.operations.map { $0.map(\.name).joined(separator: ", ") } ?? "all"),
                    HTML.escape(conduit.justification ?? ""),
                ]
            }, empty: "no conduits: every crossing is a violation")
        let findings = try findings(policy)
        let violations = findings.filter { $0.finding != .allowed || $0.levelSkip || $0.operationalToInternet }
        body +=
            "</section><section><h2>What crosses the zones</h2><p>\(findings.count) client → server pairs cross zones; \(violations.count) break the policy.</p>"
        body += HTML.table(
            ["Client", "Server", "Protocol", "Finding"],
            findings.sorted {
                ($0.finding == .allowed ? 1 : 0, $0.client) < ($1.finding == .allowed ? 1 : 0, $1.client)
            }
            .prefix(500).map { finding in
                var verdict = finding.finding.rawValue.replacingOccurrences(of: "_", with: " ")
                if finding.levelSkip { verdict += ", skips Purdue levels" }
                if finding.operationalToInternet { verdict += ", OT to internet" }
                return [
                    HTML.link("/assets/\(HTML.urlComponent(finding.client))", finding.client)
                        + " (\(HTML.escape(finding.clientZone)))",
                    HTML.link("/assets/\(HTML.urlComponent(finding.server))", finding.server)
                        + " (\(HTML.escape(finding.serverZone)))",
                    "\(HTML.escape(finding.protocolName))/\(finding.port)",
                    finding.finding == .allowed && !finding.levelSkip && !finding.operationalToInternet
                        ? "allowed" : "<span class=\"sev-high\">\(HTML.escape(verdict))</span>",
                ]
            }, empty: "nothing crosses the zones")
        body += "</section>"
        return HTMLPage.render(title: "Zones", identity: identity, active: "/zones", body: body)
    }
}
