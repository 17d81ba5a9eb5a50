import Foundation
import Hummingbird
import Storage

/// `/map`: the communication map as SVG laid out here: one band per Purdue level (5 at the top,
/// then undecided), assets grouped by zone (the configured zones, else /24 subnets) within a
/// band, edges coloured by the most dangerous operation seen. Over `aggregateAbove` assets,
/// each zone in a band becomes one node. Zoom and pan come from `/static/map.js`; every node
/// and edge links to its asset.
struct MapPage {
    let server: ConsoleServer
    static let aggregateAbove = 500
    /// Most dangerous first: the colour of an edge is the first of these it carries.
    static let dangerOrder = MapZone.dangerOrder

    func add(to router: Router<ConsoleContext>) {
        router.get("/map") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            let byRole = try server.call { try server.store.assetCountsByRole() }
            let protocolFilter = request.query("protocol")
            let roleFilter = request.query("role")
            let layout = try layout(
                protocolName: protocolFilter, role: roleFilter, assetCount: byRole.values.reduce(0, +))
            let protocols = try server.call { try server.store.edgeProtocols() }
            var body = "<h1>Network map</h1><form method=\"get\" action=\"/map\" class=\"filters\">"
            body += "<label>Protocol <select name=\"protocol\"><option value=\"\">any</option>"
            for name in protocols {
                body += "<option\(name == protocolFilter ? " selected" : "")>\(HTML.escape(name))</option>"
            }
            body += "</select></label><label>Role <select name=\"role\"><option value=\"\">any</option>"
            for role in byRole.keys.sorted() {
                body += "<option\(role == roleFilter ? " selected" : "")>\(HTML.escape(role))</option>"
            }
            body += "</select></label><button type=\"submit\">Filter</button></form>"
            body +=
                "<p>\(layout.nodes.count) \(layout.aggregated ? "groups (zones per level; more than \(Self.aggregateAbove) assets)" : "assets"), \(layout.links.count) connections. Scroll to zoom, drag to pan; click a node for its asset.</p>"
            body += layout.svg()
            body +=
                "<p class=\"legend\">"
                + Self.dangerOrder.map { "<span class=\"op-\($0)\">\($0)</span>" }.joined(separator: " ")
                + "</p><script src=\"/static/map.js\"></script>"
            return HTML.response(HTMLPage.render(title: "Network map", identity: identity, active: "/map", body: body))
        }
        router.get("/api/map") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let count = try server.call { try server.store.assetCountsByRole() }.values.reduce(0, +)
            let layout = try layout(
                protocolName: request.query("protocol"), role: request.query("role"), assetCount: count)
            return try APIRoutes.json(APIRecords.Map(layout))
        }
        router.get("/static/map.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: MapScript.javascript)))
        }
    }
}

extension MapPage {
    /// The map as drawn: every asset up to `aggregateAbove`, then zones per level added up in the
    /// store, so a large plant's assets and edges never leave SQLite.
    func layout(protocolName: String?, role: String?, assetCount: Int) throws -> MapLayout {
        if assetCount > Self.aggregateAbove {
            let (groups, links) = try server.call {
                try server.store.mapGroups(protocolName: protocolName, role: role)
            }
            return MapLayout(groups: groups, links: links)
        }
        let assets = try server.call { try server.store.assets() }
        let edges = try server.call { try server.store.communicationEdges() }
        return MapLayout(
            assets: assets, edges: edges, protocolName: protocolName, role: role, aggregate: false,
            zoneOf: server.zonePolicy?.addressZoneLookup)
    }
}

/// Positions for the map: bands by level, zones side by side within a band.
struct MapLayout {
    struct Node {
        var id: String
        var label: String
        var detail: String
        var link: String
        var x = 0.0
        var y = 0.0
        var role: String
    }
    struct Link {
        var from: Int
        var to: Int
        var protocols: Set<String>
        var danger: String
        var count: UInt64
        var link: String
    }

    var nodes: [Node] = []
    var links: [Link] = []
    var bands: [(title: String, y: Double)] = []
    var zones: [(title: String, x: Double, y: Double, width: Double)] = []
    var width = 1200.0
    var height = 200.0
    let aggregated: Bool

    static let bandHeight = 150.0
    static let nodeSpacing = 60.0

    init(
        assets: [StoredAsset], edges: [StoredEdge], protocolName: String?, role: String?, aggregate: Bool,
        zoneOf: (@Sendable (String) -> String?)? = nil
    ) {
        aggregated = aggregate
        let shownEdges = edges.filter { protocolName == nil || $0.protocolName == protocolName }
        var shownAssets = assets.filter { role == nil || $0.role == role }
        if protocolName != nil {
            let touched = Set(shownEdges.flatMap { [$0.client, $0.server] })
            shownAssets = shownAssets.filter { touched.contains($0.id) }
        }
        // Key of the node each asset is drawn in: itself, or its band's zone when aggregated.
        func zone(_ asset: StoredAsset) -> String { AssetZone.of(asset.addresses, zoneOf: zoneOf) }
        let levels: [Int?] = [5, 4, 3, 2, 1, 0, nil]
        var nodeIndex: [String: Int] = [:]
        var assetNode: [String: Int] = [:]
        for (bandNumber, level) in levels.enumerated() {
            let inBand = shownAssets.filter { $0.purdueLevel == level }
            guard !inBand.isEmpty else { continue }
            let y = Double(bands.count) * Self.bandHeight + 60
            bands.append((Self.levelTitle(level), y - 40))
            _ = bandNumber
            var x = 40.0
            for (zoneName, members) in Dictionary(grouping: inBand, by: zone).sorted(by: { $0.key < $1.key }) {
                let start = x
                if aggregate {
                    let key = "\(Self.levelTitle(level))|\(zoneName)"
                    nodeIndex[key] = nodes.count
                    let roles = Dictionary(grouping: members, by: \.role).map { "\($0.value.count) \($0.key)" }.sorted()
                    nodes.append(
                        Node(
                            id: key, label: "\(zoneName) (\(members.count))", detail: roles.joined(separator: ", "),
                            link: "/assets?q=\(HTML.urlComponent(String(zoneName.dropLast(4))))", x: x + 20, y: y,
                            role: "group"))
                    for member in members { assetNode[member.id] = nodes.count - 1 }
                    x += 160
                } else {
                    for member in members.sorted(by: { $0.id < $1.id }) {
                        assetNode[member.id] = nodes.count
                        nodes.append(
                            Node(
                                id: member.id, label: member.name ?? member.addresses.last ?? member.id,
                                detail: "\(member.role) · \(member.addresses.joined(separator: ", "))",
                                link: "/assets/\(HTML.urlComponent(member.id))", x: x + 20, y: y, role: member.role))
                        x += Self.nodeSpacing
                    }
                    x += 10
                }
                zones.append((zoneName, start, y - 28, x - start))
                x += 20
            }
            width = max(width, x + 40)
        }
        height = Double(bands.count) * Self.bandHeight + 40
        var merged: [String: Link] = [:]
        for edge in shownEdges {
            guard let from = assetNode[edge.client], let to = assetNode[edge.server], from != to else { continue }
            let key = "\(from)>\(to)"
            let danger = MapPage.dangerOrder.first { (edge.operations[$0] ?? 0) > 0 } ?? "other"
            var link =
                merged[key]
                ?? Link(
                    from: from, to: to, protocols: [], danger: "other", count: 0,
                    link: aggregate ? nodes[from].link : "/assets/\(HTML.urlComponent(edge.client))")
            link.protocols.insert(edge.protocolName)
            link.count += edge.packets
            let rank = { (name: String) in MapPage.dangerOrder.firstIndex(of: name) ?? MapPage.dangerOrder.count }
            if rank(danger) < rank(link.danger) { link.danger = danger }
            merged[key] = link
        }
        links = merged.values.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// The aggregated map from what the store added up (`mapGroups`): the same nodes, places and
    /// links as `init(assets:…, aggregate: true)` gives for the same assets and edges.
    init(groups: [MapGroup], links groupLinks: [MapGroupLink]) {
        aggregated = true
        let levels: [Int?] = [5, 4, 3, 2, 1, 0, nil]
        var nodeIndex: [String: Int] = [:]
        func key(_ level: Int?, _ zone: String) -> String { "\(Self.levelTitle(level))|\(zone)" }
        for level in levels {
            let inBand = groups.filter { $0.purdueLevel == level }
            guard !inBand.isEmpty else { continue }
            let y = Double(bands.count) * Self.bandHeight + 60
            bands.append((Self.levelTitle(level), y - 40))
            var x = 40.0
            for (zoneName, members) in Dictionary(grouping: inBand, by: \.zone).sorted(by: { $0.key < $1.key }) {
                let start = x
                let id = key(level, zoneName)
                nodeIndex[id] = nodes.count
                let count = members.reduce(0) { $0 + $1.assets }
                let roles = Dictionary(grouping: members, by: \.role).map {
                    "\($0.value.reduce(0) { $0 + $1.assets }) \($0.key)"
                }.sorted()
                nodes.append(
                    Node(
                        id: id, label: "\(zoneName) (\(count))", detail: roles.joined(separator: ", "),
                        link: "/assets?q=\(HTML.urlComponent(String(zoneName.dropLast(4))))", x: x + 20, y: y,
                        role: "group"))
                x += 160
                zones.append((zoneName, start, y - 28, x - start))
                x += 20
            }
            width = max(width, x + 40)
        }
        height = Double(bands.count) * Self.bandHeight + 40
        var merged: [String: Link] = [:]
        for groupLink in groupLinks {
            guard let from = nodeIndex[key(groupLink.fromLevel, groupLink.fromZone)],
                let to = nodeIndex[key(groupLink.toLevel, groupLink.toZone)], from != to
            else { continue }
            // Levels outside 0-5 have no band; their links are left out, as their assets are.
            let mergedKey = "\(from)>\(to)"
            var link =
                merged[mergedKey]
                ?? Link(from: from, to: to, protocols: [], danger: "other", count: 0, link: nodes[from].link)
            link.protocols.formUnion(groupLink.protocols)
            link.count &+= groupLink.packets
            let rank = { (name: String) in MapPage.dangerOrder.firstIndex(of: name) ?? MapPage.dangerOrder.count }
            if rank(groupLink.danger) < rank(link.danger) { link.danger = groupLink.danger }
            merged[mergedKey] = link
        }
        links = merged.values.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    static func levelTitle(_ level: Int?) -> String { level.map { "Level \($0)" } ?? "Level undecided" }

    func svg() -> String {
        var svg =
            "<svg id=\"map\" class=\"map\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"communication map by Purdue level\">"
        for band in bands {
            svg +=
                "<rect class=\"band\" x=\"0\" y=\"\(Int(band.y))\" width=\"\(Int(width))\" height=\"\(Int(Self.bandHeight - 10))\"></rect><text class=\"band-title\" x=\"8\" y=\"\(Int(band.y + 16))\">\(HTML.escape(band.title))</text>"
        }
        for zone in zones {
            svg +=
                "<rect class=\"zone\" x=\"\(Int(zone.x))\" y=\"\(Int(zone.y))\" width=\"\(Int(zone.width))\" height=\"80\"></rect><text class=\"zone-title\" x=\"\(Int(zone.x + 4))\" y=\"\(Int(zone.y + 12))\">\(HTML.escape(zone.title))</text>"
        }
        for link in links {
            let from = nodes[link.from]
            let to = nodes[link.to]
            // Curved so that A→B and B→A stay apart.
            let middleX = (from.x + to.x) / 2 + (to.y - from.y) * 0.15
            let middleY = (from.y + to.y) / 2 - (to.x - from.x) * 0.15
            svg +=
                "<a href=\"\(HTML.escape(link.link))\"><path class=\"edge op-\(link.danger)\" d=\"M\(format(from.x)),\(format(from.y)) Q\(format(middleX)),\(format(middleY)) \(format(to.x)),\(format(to.y))\"><title>\(HTML.escape("\(from.label) → \(to.label): \(link.protocols.sorted().joined(separator: ", ")), most dangerous: \(link.danger), \(link.count) packets"))</title></path></a>"
        }
        for (index, node) in nodes.enumerated() {
            // Neighbours' labels alternate below and above so that they do not run together.
            let labelY = index % 2 == 0 ? node.y + 24 : node.y - 15
            svg +=
                "<a href=\"\(HTML.escape(node.link))\" class=\"node role-\(HTML.escape(node.role))\"><circle cx=\"\(format(node.x))\" cy=\"\(format(node.y))\" r=\"9\"></circle><text x=\"\(format(node.x))\" y=\"\(format(labelY))\" text-anchor=\"middle\">\(HTML.escape(String(node.label.prefix(16))))</text><title>\(HTML.escape("\(node.label): \(node.detail)"))</title></a>"
        }
        return svg + "</svg>"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Wheel zoom and drag pan on the map's viewBox; no library.
enum MapScript {
    static let javascript = """
        (function () {
          var svg = document.getElementById('map');
          if (!svg) return;
          var box = svg.viewBox.baseVal;
          var original = { x: box.x, y: box.y, width: box.width, height: box.height };
          svg.addEventListener('wheel', function (event) {
            event.preventDefault();
            var scale = event.deltaY > 0 ? 1.15 : 1 / 1.15;
            var rect = svg.getBoundingClientRect();
            var px = box.x + (event.clientX - rect.left) / rect.width * box.width;
            var py = box.y + (event.clientY - rect.top) / rect.height * box.height;
            box.width = Math.min(original.width * 4, Math.max(original.width / 20, box.width * scale));
            box.height = box.width * original.height / original.width;
            box.x = px - (event.clientX - rect.left) / rect.width * box.width;
            box.y = py - (event.clientY - rect.top) / rect.height * box.height;
          }, { passive: false });
          var dragging = null;
          svg.addEventListener('mousedown', function (event) { dragging = { x: event.clientX, y: event.clientY, bx: box.x, by: box.y }; });
          window.addEventListener('mouseup', function () { dragging = null; });
          window.addEventListener('mousemove', function (event) {
            if (!dragging) return;
            var rect = svg.getBoundingClientRect();
            box.x = dragging.bx - (event.clientX - dragging.x) / rect.width * box.width;
            box.y = dragging.by - (event.clientY - dragging.y) / rect.height * box.height;
          });
          svg.addEventListener('dblclick', function () { box.x = original.x; box.y = original.y; box.width = original.width; box.height = original.height; });
        })();
        """
}
