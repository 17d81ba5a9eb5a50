import Foundation
import Hummingbird
import Storage

/// `/alert-groups`: alerts grouped by rule (what keeps firing and how much is open), each group
/// linking to its alerts; `/api/alert-groups` gives the same.
struct AlertGroupsPage {
    let server: ConsoleServer

    struct Record: Encodable {
        var rule: String
        var severity: String
        var alerts: Int
        var open: Int
        var occurrences: UInt64
        var firstSeen: String
        var lastSeen: String
        enum CodingKeys: String, CodingKey {
            case rule, severity, alerts, open, occurrences
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
        }
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/alert-groups") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            let groups = try server.call { try server.store.alertGroups() }
            var body = "<h1>Alerts by rule</h1><p>\(HTML.link("/alerts", "All alerts, newest first"))</p>"
            body += HTML.table(
                ["Severity", "Rule", "Alerts", "Open", "Occurrences", "First seen", "Last seen"],
                groups.map { group in
                    [
                        "<span class=\"sev-\(HTML.escape(group.severity))\">\(HTML.escape(group.severity))</span>",
                        HTML.link("/alerts?rule=\(HTML.urlComponent(group.rule))", group.rule), "\(group.alerts)",
                        group.open > 0
                            ? HTML.link("/alerts?rule=\(HTML.urlComponent(group.rule))&state=new", "\(group.open)")
                            : "0",
                        "\(group.occurrences)", HTML.time(group.firstTime), HTML.time(group.lastTime),
                    ]
                }, empty: "no alerts")
            return HTML.response(
                HTMLPage.render(title: "Alerts by rule", identity: identity, active: "/alerts", body: body))
        }
        router.get("/api/alert-groups") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            let groups = try server.call { try server.store.alertGroups() }
            return try APIRoutes.json(
                groups.map {
                    Record(
                        rule: $0.rule, severity: $0.severity, alerts: $0.alerts, open: $0.open,
                        occurrences: $0.occurrences,
                        firstSeen: APIRecords.time($0.firstTime), lastSeen: APIRecords.time($0.lastTime))
                })
        }
    }
}
