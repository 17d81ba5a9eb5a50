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

    /// The filters of the asset list, shared with the API; the store applies them.
    struct Filter {
        var query = AssetListQuery()

        init(_ request: Request) {
            query.search = request.query("q").map { String($0.prefix(200)).lowercased() }
            query.role = request.query("role")
            query.purdueLevel = request.query("level").flatMap { Int($0) }
            query.vendor = request.query("vendor").flatMap { $0.isEmpty ? nil : String($0.prefix(200)).lowercased() }
            query.protocolName = request.query("protocol").flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
            zone = request.query("zone").flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            sort = request.query("sort") ?? "risk"
            query.sort = AssetListQuery.Sort(rawValue: sort) ?? .risk
        }

        /// The sort as named in the request (an unknown name sorts by risk).
        var sort: String
        /// A configured zone's name, or a /24 such as `10.77.2.0/24` (as the map groups).
        var zone: String?

        /// One page of matching assets, `pageSize` to a page.
        func page(_ server: ConsoleServer, _ request: Request, pageSize: Int) throws -> AssetListPage {
            var query = query
            query.limit = pageSize
            query.offset = (request.page - 1) * pageSize
            if let zone {
                // Membership by the zone map (longest prefix), decided here: the store knows no zones.
                let zoneOf = server.zonePolicy?.addressZoneLookup
                query.ids = Set(
                    try server.call { try server.store.assetAddresses() }.filter {
                        AssetZone.of($0.addresses, zoneOf: zoneOf) == zone
                    }.map(\.id))
            }
            return try server.call { try server.store.assetList(query) }
        }
    }

    func list(_ request: Request, _ identity: ConsoleIdentity) throws -> String {
        let filter = Filter(request)
        let page = try filter.page(server, request, pageSize: Self.pageSize)
        let byRole = try server.call { try server.store.assetCountsByRole() }
        let roles = byRole.keys.sorted()
        var body = "<h1>Assets</h1><form method=\"get\" action=\"/assets\" class=\"filters\">"
        body +=
            "<label>Search <input name=\"q\" value=\"\(HTML.escape(request.query("q") ?? ""))\" placeholder=\"address, name, vendor\"></label>"
        body += "<label>Role <select name=\"role\"><option value=\"\">any</option>"
        for role in roles {
            body += "<option\(role == filter.query.role ? " selected" : "")>\(HTML.escape(role))</option>"
        }
        body += "</select></label><label>Level <select name=\"level\"><option value=\"\">any</option>"
        for level in 0...5 {
            body += "<option\(level == filter.query.purdueLevel ? " selected" : "")>\(level)</option>"
        }
        body += "</select></label>"
        body +=
            "<label>Vendor <input name=\"vendor\" value=\"\(HTML.escape(request.query("vendor") ?? ""))\"></label>"
        body += "<label>Protocol <select name=\"protocol\"><option value=\"\">any</option>"
        for name in try server.call({ try server.store.edgeProtocols() }) {
            body +=
                "<option\(name == filter.query.protocolName ? " selected" : "")>\(HTML.escape(name))</option>"
        }
        body += "</select></label>"
        if let policy = server.zonePolicy {
            body += "<label>Zone <select name=\"zone\"><option value=\"\">any</option>"
            for name in policy.zones.map(\.name) + ["unzoned", "internet"] {
                body += "<option\(name == filter.zone ? " selected" : "")>\(HTML.escape(name))</option>"
            }
            body += "</select></label>"
        } else {
            body +=
                "<label>Subnet <input name=\"zone\" value=\"\(HTML.escape(filter.zone ?? ""))\" placeholder=\"10.0.2.0/24\"></label>"
        }
        body += "<label>Sort <select name=\"sort\">"
        for sort in ["risk", "id", "role", "last_seen"] {
            body += "<option\(sort == filter.sort ? " selected" : "")>\(sort)</option>"
        }
        body += "</select></label><button type=\"submit\">Filter</button></form>"
        body += "<p>\(page.total) of \(byRole.values.reduce(0, +)) assets</p>"
        body += HTML.table(
            ["Asset", "Name", "Role", "Level", "Vendor", "Addresses", "Risk", "Last seen"],
            page.assets.map { asset in
                let risk = page.risks[asset.id]
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
        body += Paging.links(path: "/assets", request: request, total: page.total, pageSize: Self.pageSize)
        return HTMLPage.render(title: "Assets", identity: identity, active: "/assets", body: body)
    }

    func detail(_ id: String, _ identity: ConsoleIdentity) throws -> String {
        let store = server.store
        guard let asset = try server.call({ try store.asset(id: id) }) else {
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

        let edges = try server.call { try store.communicationEdges(ofAsset: id, limit: 200) }
        body += "<section><h2>Communications</h2>"
        body += HTML.table(
            ["Direction", "Peer", "Protocol", "Port", "Operations", "Packets", "Bytes", "Last seen"],
            edges.map { edge in
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

        let risk = try server.call { try store.assetRisk(id: id) }
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
