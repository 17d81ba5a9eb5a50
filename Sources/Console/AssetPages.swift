import Foundation
import Hummingbird
import Storage

/// `/assets` (search, filter, sort, paging) and `/assets/{id}` (identity facts with sources and
/// history, communications, alerts, vulnerabilities and risk).
struct AssetPages {
    let server: ConsoleServer
    static let pageSize = 50

    func add(to router: Router<ConsoleContext>) {
        router.get("/assets") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(try list(request, identity))
        }
        router.get("/assets/{id}") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            let id = try context.pathID()
            return HTML.response(try detail(id, identity))
        }
    }

    /// The filters of the asset list, shared with the API.
    struct Filter {
        var search: String?
        var role: String?
        var level: Int?
        var vendor: String?
        var sort = "risk"

        init(_ request: Request) {
            search = request.query("q").map { String($0.prefix(200)).lowercased() }
            role = request.query("role")
            level = request.query("level").flatMap { Int($0) }
            vendor = request.query("vendor").map { $0.lowercased() }
            sort = request.query("sort") ?? "risk"
        }

        func apply(_ assets: [StoredAsset], risks: [String: StoredAssetRisk]) -> [StoredAsset] {
            let filtered = assets.filter { asset in
                if let role, asset.role != role { return false }
                if let level, asset.purdueLevel != level { return false }
                if let vendor, !(asset.vendor ?? "").lowercased().contains(vendor) { return false }
                if let search {
                    let text = ([asset.id, asset.name ?? "", asset.vendor ?? "", asset.role] + asset.addresses)
                        .joined(separator: " ").lowercased()
                    if !text.contains(search) { return false }
                }
                return true
            }
            switch sort {
            case "id": return filtered.sorted { $0.id < $1.id }
            case "role": return filtered.sorted { ($0.role, $0.id) < ($1.role, $1.id) }
            case "last_seen": return filtered.sorted { ($0.lastSeen, $1.id) > ($1.lastSeen, $0.id) }
            default:
                return filtered.sorted {
                    (risks[$0.id]?.score ?? -1, $1.id) > (risks[$1.id]?.score ?? -1, $0.id)
                }
            }
        }
    }

    func list(_ request: Request, _ identity: ConsoleIdentity) throws -> String {
        let assets = try server.call { try server.store.assets() }
        let risks = Dictionary(
            try server.call { try server.store.assetRisks() }.map { ($0.assetID, $0) }, uniquingKeysWith: { a, _ in a })
        let filter = Filter(request)
        let matching = filter.apply(assets, risks: risks)
        let page = request.page
        let shown = matching.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let roles = Set(assets.map(\.role)).sorted()
        var body = "<h1>Assets</h1><form method=\"get\" action=\"/assets\" class=\"filters\">"
        body +=
            "<label>Search <input name=\"q\" value=\"\(HTML.escape(request.query("q") ?? ""))\" placeholder=\"address, name, vendor\"></label>"
        body += "<label>Role <select name=\"role\"><option value=\"\">any</option>"
        for role in roles {
            body += "<option\(role == filter.role ? " selected" : "")>\(HTML.escape(role))</option>"
        }
        body += "</select></label><label>Level <select name=\"level\"><option value=\"\">any</option>"
        for level in 0...5 { body += "<option\(level == filter.level ? " selected" : "")>\(level)</option>" }
        body += "</select></label><label>Sort <select name=\"sort\">"
        for sort in ["risk", "id", "role", "last_seen"] {
            body += "<option\(sort == filter.sort ? " selected" : "")>\(sort)</option>"
        }
        body += "</select></label><button type=\"submit\">Filter</button></form>"
        body += "<p>\(matching.count) of \(assets.count) assets</p>"
        body += HTML.table(
            ["Asset", "Name", "Role", "Level", "Vendor", "Addresses", "Risk", "Last seen"],
            shown.map { asset in
                let risk = risks[asset.id]
                return [
                    HTML.link("/assets/\(HTML.urlComponent(asset.id))", asset.id), HTML.escape(asset.name ?? ""),
                    HTML.escape(asset.role), asset.purdueLevel.map(String.init) ?? "–", HTML.escape(asset.vendor ?? ""),
                    HTML.escape(asset.addresses.joined(separator: ", ")),
                    risk.map {
                        "<span class=\"level-\(HTML.escape($0.level))\">\(String(format: "%.0f", $0.score))</span>"
                    }
                        ?? "–",
                    HTML.time(asset.lastSeen),
                ]
            }, empty: "no asset matches")
        body += Paging.links(path: "/assets", request: request, total: matching.count, pageSize: Self.pageSize)
        return HTMLPage.render(title: "Assets", identity: identity, active: "/assets", body: body)
    }

    func detail(_ id: String, _ identity: ConsoleIdentity) throws -> String {
        let store = server.store
        guard let asset = try server.call({ try store.assets() }).first(where: { $0.id == id }) else {
            throw HTTPError(.notFound, message: "no asset \(id)")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(asset.json.utf8))) as? [String: Any] ?? [:]
        var body = "<h1>\(HTML.escape(asset.name ?? asset.id))</h1>"
        body += "<dl class=\"facts\">"
        body += "<dt>Id</dt><dd>\(HTML.escape(asset.id))</dd>"
        body += "<dt>Addresses</dt><dd>\(HTML.escape(asset.addresses.joined(separator: ", ")))</dd>"
        body += "<dt>Vendor (MAC)</dt><dd>\(HTML.escape(asset.vendor ?? "–"))</dd>"
        let roleReasons = (json["role_reasons"] as? [String] ?? []).joined(separator: "; ")
        body +=
            "<dt>Role</dt><dd>\(HTML.escape(asset.role))\(roleReasons.isEmpty ? "" : " — " + HTML.escape(roleReasons))</dd>"
        let levelReasons = (json["purdue_reasons"] as? [String] ?? []).joined(separator: "; ")
        body +=
            "<dt>Purdue level</dt><dd>\(asset.purdueLevel.map(String.init) ?? "undecided")\(levelReasons.isEmpty ? "" : " — " + HTML.escape(levelReasons))</dd>"
        body += "<dt>Seen</dt><dd>\(HTML.time(asset.firstSeen)) to \(HTML.time(asset.lastSeen))</dd></dl>"

        let facts = try server.call { try store.facts(ofAsset: id) }
        body += "<section><h2>Identity facts</h2>"
        body += HTML.table(
            ["Key", "Value", "Source", "Confidence", "First seen", "Last seen", "Count"],
            facts.map { fact in
                [
                    HTML.escape(fact.key), HTML.escape(fact.value), HTML.escape(fact.protocolName),
                    HTML.escape(fact.confidence), HTML.time(fact.firstSeen), HTML.time(fact.lastSeen), "\(fact.count)",
                ]
            }, empty: "the device has not identified itself")
        let changes = try server.call { try store.factChanges(ofAsset: id) }
        if !changes.isEmpty {
            body += "<h3>History</h3>"
            body += HTML.table(
                ["Key", "From", "To", "Old value last seen", "New value first seen"],
                changes.map {
                    [
                        HTML.escape($0.key), HTML.escape($0.oldValue), HTML.escape($0.newValue),
                        HTML.time($0.oldLastSeen),
                        HTML.time($0.newFirstSeen),
                    ]
                })
        }
        body += "</section>"

        let edges = try server.call { try store.communicationEdges() }.filter { $0.client == id || $0.server == id }
        body += "<section><h2>Communications</h2>"
        body += HTML.table(
            ["Direction", "Peer", "Protocol", "Port", "Operations", "Packets", "Bytes", "Last seen"],
            edges.sorted { $0.lastSeen > $1.lastSeen }.prefix(200).map { edge in
                let outgoing = edge.client == id
                let peer = outgoing ? edge.server : edge.client
                return [
                    outgoing ? "to" : "from", HTML.link("/assets/\(HTML.urlComponent(peer))", peer),
                    HTML.escape(edge.protocolName), "\(edge.serverPort)",
                    HTML.escape(
                        edge.operations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                            separator: ", ")),
                    "\(edge.packets)", "\(edge.bytes)", HTML.time(edge.lastSeen),
                ]
            }, empty: "no communication recorded")
        body += "</section>"

        var query = AlertQuery()
        query.asset = id
        query.limit = 100
        let alerts = try server.call { try store.alerts(query) }
        body += "<section><h2>Alerts</h2>" + AlertPages.table(alerts) + "</section>"

        let risk = try server.call { try store.assetRisks() }.first { $0.assetID == id }
        let matches = try server.call { try store.vulnerabilityMatches(assetID: id) }
        body += "<section><h2>Risk and vulnerabilities</h2>"
        if let risk {
            body +=
                "<p>Risk <strong class=\"level-\(HTML.escape(risk.level))\">\(String(format: "%.1f", risk.score)) \(HTML.escape(risk.level))</strong>, assessed \(HTML.time(risk.assessedAt))</p><ul>"
            for factor in risk.factors {
                body +=
                    "<li>+\(String(format: "%.1f", factor.points)) <strong>\(HTML.escape(factor.name))</strong>: \(HTML.escape(factor.detail))</li>"
            }
            body += "</ul>"
        } else {
            body += "<p class=\"empty\">not assessed (palisade vulns import)</p>"
        }
        body += VulnerabilityPage.table(matches, showAsset: false)
        body += "</section>"
        return HTMLPage.render(title: asset.name ?? asset.id, identity: identity, active: "/assets", body: body)
    }
}

/// Previous/next links that keep the other query parameters.
enum Paging {
    static func links(path: String, request: Request, total: Int, pageSize: Int) -> String {
        let page = request.page
        let pages = max(1, (total + pageSize - 1) / pageSize)
        guard pages > 1 else { return "" }
        func href(_ target: Int) -> String {
            var items = request.uri.queryParameters.filter { $0.key != "page" }.map {
                "\(HTML.urlComponent(String($0.key)))=\(HTML.urlComponent(String($0.value)))"
            }
            items.append("page=\(target)")
            return path + "?" + items.joined(separator: "&")
        }
        var html = "<nav class=\"paging\">"
        if page > 1 { html += HTML.link(href(page - 1), "← previous") }
        html += "<span>page \(page) of \(pages)</span>"
        if page < pages { html += HTML.link(href(page + 1), "next →") }
        return html + "</nav>"
    }
}
