import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// The REST API under `/api/`: JSON for everything the pages show and do, with paging and the
/// same filters. Sessions (with the CSRF token in `X-CSRF-Token`) and API tokens both work.
struct APIRoutes {
    let server: ConsoleServer
    static let maximumPageSize = 500
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func add(to router: Router<ConsoleContext>) {
        router.get("/api/openapi.json") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            return Self.json(raw: OpenAPIDocument.json)
        }
        router.get("/api/status") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let summary = try server.call { try server.store.summary() }
            let open = try server.call { try server.store.alertTotals() }.filter { $0.state != "closed" }
                .reduce(0) { $0 + $1.count }
            return try Self.json(
                APIRecords.Status(
                    assets: summary.assets, edges: summary.edges, events: summary.events, openAlerts: open,
                    advisories: try server.call { try server.store.advisoryCount() },
                    assetsByRole: summary.assetsByRole,
                    sensors: summary.latestSamples.map {
                        APIRecords.Status.Sensor(
                            interface: $0.interface, time: APIRecords.time($0.time),
                            packetsPerSecond: $0.packetsPerSecond,
                            kernelDrops: $0.kernelDrops, queueDrops: $0.queueDrops)
                    }))
        }
        router.get("/api/assets") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let pageSize = Self.pageSize(request)
            let page = try AssetPages.Filter(request).page(server, request, pageSize: pageSize)
            let items = page.assets.map { APIRecords.Asset($0, risk: page.risks[$0.id]) }
            return try Self.json(
                APIRecords.Page(items: items, total: page.total, page: request.page, pageSize: pageSize))
        }
        router.get("/api/assets/{id}") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let id = try context.pathID()
            let store = server.store
            guard let asset = try server.call({ try store.asset(id: id) }) else {
                throw HTTPError(.notFound, message: "no asset \(id)")
            }
            let risk = try server.call { try store.assetRisk(id: id) }
            // In the order of the full edge list (client, server, protocol, port), as before.
            let edges = try server.call { try store.communicationEdges(ofAsset: id, limit: nil) }.sorted {
                ($0.client, $0.server, $0.protocolName, $0.serverPort) < (
                    $1.client, $1.server, $1.protocolName, $1.serverPort
                )
            }
            return try Self.json(
                APIRecords.AssetDetail(
                    asset: APIRecords.Asset(asset, risk: risk),
                    facts: try server.call { try store.facts(ofAsset: id) }.map(APIRecords.Fact.init),
                    communications: edges.map(APIRecords.Edge.init),
                    risk: risk.map(APIRecords.Risk.init),
                    vulnerabilities: try server.call { try store.vulnerabilityMatches(assetID: id) }.map(
                        APIRecords.Vulnerability.init)))
        }
        router.get("/api/alerts") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let pageSize = Self.pageSize(request)
            let alerts = try server.call { try server.store.alerts(AlertPages.query(request, pageSize: pageSize)) }
            return try Self.json(
                APIRecords.Page(
                    items: alerts.prefix(pageSize).map { APIRecords.Alert($0, withEvidence: false) }, total: nil,
                    page: request.page, pageSize: pageSize))
        }
        router.get("/api/alerts/{id}") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let id = try context.pathID()
            guard let alert = try server.call({ try server.store.alert(id: id) }) else {
                throw HTTPError(.notFound, message: "no alert \(id)")
            }
            return try Self.json(APIRecords.Alert(alert, withEvidence: true))
        }
        router.post("/api/alerts/{id}/state") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            try Self.checkHeaderCSRF(identity, request)
            let id = try context.pathID()
            let body = try await Self.jsonBody(request, context)
            try Triage.setState(
                server, id: id, state: body["state"] as? String ?? "", note: body["note"] as? String ?? "",
                actor: identity.actor)
            guard let alert = try server.call({ try server.store.alert(id: id) }) else {
                throw HTTPError(.notFound, message: "no alert \(id)")
            }
            return try Self.json(APIRecords.Alert(alert, withEvidence: false))
        }
        router.post("/api/alerts/{id}/mute") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            try Self.checkHeaderCSRF(identity, request)
            let id = try context.pathID()
            let body = try await Self.jsonBody(request, context)
            let hours = (body["hours"] as? NSNumber).map { "\($0.intValue)" } ?? (body["hours"] as? String)
            try Triage.mute(
                server, id: id, hours: hours, reason: body["reason"] as? String ?? "", actor: identity.actor)
            let mutes = try server.call { try server.store.mutes(activeAt: WallClock.nanoseconds()) }
            guard let alert = try server.call({ try server.store.alert(id: id) }) else {
                throw HTTPError(.notFound, message: "no alert \(id)")
            }
            return try Self.json(
                mutes.filter { $0.rule == alert.rule && alert.assets.contains($0.asset) }.map {
                    MuteRecord(
                        id: $0.id, rule: $0.rule, asset: $0.asset, until: $0.until.map(APIRecords.time),
                        reason: $0.reason, actor: $0.actor)
                })
        }
        router.get("/api/vulnerabilities") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let pageSize = Self.pageSize(request)
            let asset = request.query("asset")
            let matches = try server.call {
                try server.store.vulnerabilityMatches(
                    assetID: asset, limit: pageSize, offset: (request.page - 1) * pageSize)
            }
            let total = try server.call { try server.store.vulnerabilityMatchCount(assetID: asset) }
            return try Self.json(
                APIRecords.Page(
                    items: matches.map(APIRecords.Vulnerability.init), total: total, page: request.page,
                    pageSize: pageSize))
        }
    }

    static func pageSize(_ request: Request) -> Int {
        min(max(Int(request.query("page_size") ?? "50") ?? 50, 1), maximumPageSize)
    }

    /// Session calls from a page's script must send the CSRF token as a header; token calls need none.
    static func checkHeaderCSRF(_ identity: ConsoleIdentity, _ request: Request) throws {
        guard identity.via == .session else { return }
        let sent = request.headers[Self.csrfHeader] ?? ""
        try ConsoleAccess.checkCSRF(identity, form: ["csrf": sent])
    }

    static func jsonBody(_ request: Request, _ context: ConsoleContext) async throws -> [String: Any] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(context.maxUploadSize) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        else {
            throw HTTPError(.badRequest, message: "the body must be a JSON object")
        }
        return object
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(raw: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func json(raw: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: raw)))
    }
}

/// A mute in force, as `POST /api/alerts/{id}/mute` answers.
struct MuteRecord: Encodable {
    var id: Int64
    var rule: String
    var asset: String
    var until: String?
    var reason: String
    var actor: String
}
