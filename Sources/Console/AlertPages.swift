import Foundation
import Hummingbird
import Sensor
import Storage

/// `/alerts` (filter by state, severity, rule, asset; paging), `/alerts/{id}` (explanation,
/// techniques, evidence) and triage: acknowledge, close, reopen, mute. Every change goes to the
/// audit trail with who did it.
struct AlertPages {
    let server: ConsoleServer
    static let pageSize = 50
    static let states = ["new", "acknowledged", "closed"]

    func add(to router: Router<ConsoleContext>) {
        router.get("/alerts") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(try list(request, identity))
        }
        router.get("/alerts/{id}") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            return HTML.response(
                try detail(try context.pathID(), identity, notice: request.query("done")))
        }
        router.post("/alerts/{id}/state") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            let id = try context.pathID()
            try Triage.setState(
                server, id: id, state: form["state"] ?? "", note: form["note"] ?? "", actor: identity.actor)
            return Response(status: .seeOther, headers: [.location: "/alerts/\(HTML.urlComponent(id))?done=state"])
        }
        router.post("/alerts/{id}/learn") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            let id = try context.pathID()
            _ = try Triage.learn(
                server, id: id, baseline: form["baseline"], note: form["note"] ?? "", actor: identity.actor)
            return Response(status: .seeOther, headers: [.location: "/alerts/\(HTML.urlComponent(id))?done=learned"])
        }
        router.post("/alerts/{id}/mute") { request, context in
            let identity = try ConsoleAccess.require(.analyst, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            let id = try context.pathID()
            try Triage.mute(server, id: id, hours: form["hours"], reason: form["reason"] ?? "", actor: identity.actor)
            return Response(status: .seeOther, headers: [.location: "/alerts/\(HTML.urlComponent(id))?done=mute"])
        }
    }

    /// The alert filters, shared with the API.
    static func query(_ request: Request, pageSize: Int) -> AlertQuery {
        var query = AlertQuery()
        if let state = request.query("state"), states.contains(state) { query.states = [state] }
        if let severity = request.query("severity"), StoredAlert.severities.contains(severity) {
            query.minimumSeverity = severity
        }
        query.rule = request.query("rule").map { String($0.prefix(200)) }
        query.asset = request.query("asset").map { String($0.prefix(200)) }
        query.limit = pageSize + 1
        query.offset = (request.page - 1) * pageSize
        return query
    }

    func list(_ request: Request, _ identity: ConsoleIdentity) throws -> String {
        let query = Self.query(request, pageSize: Self.pageSize)
        let alerts = try server.call { try server.store.alerts(query) }
        var body =
            "<h1>Alerts</h1><p>\(HTML.link("/alert-groups", "Grouped by rule"))</p><form method=\"get\" action=\"/alerts\" class=\"filters\">"
        body += "<label>State <select name=\"state\"><option value=\"\">any</option>"
        for state in Self.states {
            body += "<option\(query.states == [state] ? " selected" : "")>\(state)</option>"
        }
        body += "</select></label><label>At least <select name=\"severity\"><option value=\"\">any</option>"
        for severity in StoredAlert.severities.reversed() {
            body += "<option\(query.minimumSeverity == severity ? " selected" : "")>\(severity)</option>"
        }
        body +=
            "</select></label><label>Rule <input name=\"rule\" value=\"\(HTML.escape(query.rule ?? ""))\"></label><label>Asset <input name=\"asset\" value=\"\(HTML.escape(query.asset ?? ""))\"></label><button type=\"submit\">Filter</button></form>"
        body += Self.table(Array(alerts.prefix(Self.pageSize)))
        let page = request.page
        var paging = "<nav class=\"paging\">"
        if page > 1 { paging += HTML.link(pageLink(request, page - 1), "← previous") }
        paging += "<span>page \(page)</span>"
        if alerts.count > Self.pageSize { paging += HTML.link(pageLink(request, page + 1), "next →") }
        body += paging + "</nav>"
        return HTMLPage.render(title: "Alerts", identity: identity, active: "/alerts", body: body)
    }

    private func pageLink(_ request: Request, _ page: Int) -> String {
        var items = request.uri.queryParameters.filter { $0.key != "page" }.map {
            "\(HTML.urlComponent(String($0.key)))=\(HTML.urlComponent(String($0.value)))"
        }
        items.append("page=\(page)")
        return "/alerts?" + items.joined(separator: "&")
    }

    static func table(_ alerts: [StoredAlert]) -> String {
        HTML.table(
            ["Severity", "Alert", "Rule", "Assets", "Count", "Last seen", "State"],
            alerts.map { alert in
                [
                    "<span class=\"sev-\(HTML.escape(alert.severity))\">\(HTML.escape(alert.severity))</span>",
                    HTML.link("/alerts/\(HTML.urlComponent(alert.id))", alert.summary), HTML.escape(alert.rule),
                    alert.assets.prefix(3).map { HTML.link("/assets/\(HTML.urlComponent($0))", $0) }.joined(
                        separator: ", "),
                    "\(alert.count)", HTML.time(alert.lastTime), HTML.escape(alert.state),
                ]
            }, empty: "no alerts")
    }

    func detail(_ id: String, _ identity: ConsoleIdentity, notice: String?) throws -> String {
        guard let alert = try server.call({ try server.store.alert(id: id) }) else {
            throw HTTPError(.notFound, message: "no alert \(id)")
        }
        var body =
            "<h1><span class=\"sev-\(HTML.escape(alert.severity))\">\(HTML.escape(alert.severity))</span> \(HTML.escape(alert.summary))</h1>"
        if let notice { body += "<p class=\"notice\" role=\"status\">Saved (\(HTML.escape(notice))).</p>" }
        body += "<dl class=\"facts\"><dt>Rule</dt><dd>\(HTML.escape(alert.rule)) (\(HTML.escape(alert.kind)))</dd>"
        body += "<dt>ATT&amp;CK for ICS</dt><dd>\(HTML.escape(alert.techniques.joined(separator: ", ")))</dd>"
        body +=
            "<dt>Assets</dt><dd>\(alert.assets.map { HTML.link("/assets/\(HTML.urlComponent($0))", $0) }.joined(separator: ", "))</dd>"
        body +=
            "<dt>Seen</dt><dd>\(alert.count) times, \(HTML.time(alert.firstTime)) to \(HTML.time(alert.lastTime))</dd>"
        body +=
            "<dt>State</dt><dd>\(HTML.escape(alert.state))\(alert.stateNote.map { ": " + HTML.escape($0) } ?? "")\(alert.stateChanged.map { " (" + HTML.time($0) + ")" } ?? "")</dd></dl>"
        body += "<section><h2>Why</h2><p>\(HTML.escape(alert.explanation))</p></section>"
        body += "<section><h2>Evidence</h2>" + Self.evidence(alert.evidenceJSON) + "</section>"
        if identity.role >= .analyst {
            body += "<section><h2>Triage</h2><div class=\"triage\">"
            for (state, label) in [("acknowledged", "Acknowledge"), ("closed", "Close"), ("new", "Reopen")]
            where state != alert.state {
                body +=
                    "<form method=\"post\" action=\"/alerts/\(HTML.urlComponent(alert.id))/state\">\(HTML.csrfField(identity))<input type=\"hidden\" name=\"state\" value=\"\(state)\"><input name=\"note\" placeholder=\"note\" maxlength=\"500\"><button type=\"submit\">\(label)</button></form>"
            }
            body +=
                "<form method=\"post\" action=\"/alerts/\(HTML.urlComponent(alert.id))/mute\">\(HTML.csrfField(identity))<input name=\"reason\" placeholder=\"reason\" maxlength=\"500\" required><label>for <input name=\"hours\" type=\"number\" min=\"1\" max=\"8760\" value=\"24\"> hours</label><button type=\"submit\">Mute this rule on these assets</button></form>"
            let baselines = Set(
                try server.call { try server.store.detectionStatus() }.compactMap(\.status.baselinePath)
            )
            .sorted()
            if !baselines.isEmpty {
                body +=
                    "<form method=\"post\" action=\"/alerts/\(HTML.urlComponent(alert.id))/learn\">\(HTML.csrfField(identity))<label>Baseline <select name=\"baseline\">"
                    + baselines.map { "<option>\(HTML.escape($0))</option>" }.joined()
                    + "</select></label><input name=\"note\" placeholder=\"why this is expected\" maxlength=\"500\"><button type=\"submit\">Learn into the baseline and close</button></form>"
            }
            body += "</div></section>"
        }
        return HTMLPage.render(title: alert.summary, identity: identity, active: "/alerts", body: body)
    }

    /// Evidence items: where (file or sensor, frame, time, flow) and the event or note.
    static func evidence(_ json: String) -> String {
        guard let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else {
            return "<pre>\(HTML.escape(json))</pre>"
        }
        var html = "<ol class=\"evidence\">"
        for item in items.prefix(50) {
            let origin = [item["origin"], item["frame"].map { "frame \($0)" }, item["time"], item["flow"]]
                .compactMap { $0.map { "\($0)" } }.joined(separator: " · ")
            html += "<li><p>\(HTML.escape(origin))</p>"
            if let note = item["note"] as? String { html += "<p>\(HTML.escape(note))</p>" }
            if let event = item["event"] {
                // Corelibs Foundation traps on a top-level value that is not an array or object.
                var text = "\(event)"
                if JSONSerialization.isValidJSONObject(event),
                    let data = try? JSONSerialization.data(
                        withJSONObject: event, options: [.prettyPrinted, .sortedKeys])
                {
                    text = String(decoding: data, as: UTF8.self)
                }
                html += "<pre>\(HTML.escape(text))</pre>"
            }
            html += "</li>"
        }
        return html + "</ol>"
    }
}

/// Alert state changes and mutes, for the pages and the API alike.
enum Triage {
    static func setState(_ server: ConsoleServer, id: String, state: String, note: String, actor: String) throws {
        guard AlertPages.states.contains(state) else {
            throw HTTPError(.badRequest, message: "state must be one of \(AlertPages.states.joined(separator: ", "))")
        }
        guard note.count <= 2000 else {
            throw HTTPError(.badRequest, message: "the note is longer than 2000 characters")
        }
        guard try server.call({ try server.store.setAlertState(id: id, state: state, note: note, actor: actor) }) else {
            throw HTTPError(.notFound, message: "no alert \(id)")
        }
    }

    /// Adds what the alert saw to one of the sensors' baselines; only a baseline a sensor of this
    /// store uses can be named, so a request cannot choose any file.
    static func learn(_ server: ConsoleServer, id: String, baseline: String?, note: String, actor: String) throws
        -> AlertLearning.Outcome
    {
        let known = Set(try server.call { try server.store.detectionStatus() }.compactMap(\.status.baselinePath))
        guard let path = baseline, known.contains(path) else {
            throw HTTPError(.badRequest, message: "choose one of the sensors' baselines")
        }
        do {
            return try AlertLearning.learn(
                alertID: id, store: server.store, baselinePath: path, storeName: "console", actor: actor,
                note: String(note.prefix(500)))
        } catch {
            switch error {
            case .noSuchAlert: throw HTTPError(.notFound, message: "\(error)")
            case .nothingToLearn: throw HTTPError(.unprocessableContent, message: "\(error)")
            case .baseline, .store: throw HTTPError(.internalServerError, message: "\(error)")
            }
        }
    }

    static func mute(_ server: ConsoleServer, id: String, hours: String?, reason: String, actor: String) throws {
        guard let alert = try server.call({ try server.store.alert(id: id) }) else {
            throw HTTPError(.notFound, message: "no alert \(id)")
        }
        guard let hours = Int(hours ?? ""), (1...8760).contains(hours) else {
            throw HTTPError(.badRequest, message: "hours must be a whole number from 1 to 8760")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2000 else {
            throw HTTPError(.badRequest, message: "a mute needs a reason (at most 2000 characters)")
        }
        let now = WallClock.nanoseconds()
        for asset in alert.assets.prefix(20) {
            _ = try server.call {
                try server.store.addMute(
                    AlertMute(
                        rule: alert.rule, asset: asset, until: now + Int64(hours) * 3_600_000_000_000, reason: reason,
                        created: now, actor: actor))
            }
        }
    }
}
