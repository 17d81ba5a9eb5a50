import Access
import AssetInventory
import Foundation
import Hummingbird
import Storage

/// `/access`: who performs which operations on which controller, remote access into OT and
/// cleartext credentials, read from the store; `/report`: the IEC 62443-3-3 / NIST SP 800-82
/// report as a download (its HTML carries its own inline style, which the console's CSP keeps
/// out of console pages). `/api/access` gives the same as `palisade access --format json`.
struct AccessPages {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/access") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            let report = try server.accessViews().report
            var body = "<h1>Access</h1>"
            body +=
                "<p>\(HTML.link("/report?format=html", "Compliance report (HTML)")) · \(HTML.link("/report?format=md", "Markdown"))</p>"
            body += "<section><h2>Who performs what on which controller</h2>"
            body += Self.table(AccessFormatter.matrixRows(report))
            body +=
                "</section><section><h2>Remote-access sessions</h2>"
            body += Self.table(AccessFormatter.sessionRows(report))
            body += "</section><section><h2>Cleartext credentials (secrets are never shown)</h2>"
            body += Self.table(AccessFormatter.credentialRows(report))
            body += "</section>"
            return HTML.response(HTMLPage.render(title: "Access", identity: identity, active: "/access", body: body))
        }
        router.get("/api/access") { request, context in
            _ = try ConsoleAccess.require(.viewer, request, context)
            return APIRoutes.json(raw: AccessFormatter.json(try server.accessViews().report))
        }
        router.get("/report") { request, context in
            let identity = try ConsoleAccess.require(.viewer, request, context)
            let compliance = try server.complianceReport()
            let markdown = request.query("format") == "md"
            try? server.store.recordAudit(
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: identity.actor, action: "report.download",
                    subject: markdown ? "markdown" : "html", detail: ""))
            let text = markdown ? MarkdownReport.render(compliance) : HTMLReport.render(compliance)
            return Response(
                status: .ok,
                headers: [
                    .contentType: markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"palisade-report.\(markdown ? "md" : "html")\"",
                ], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// The formatter's rows: the first is the header.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "<p class=\"empty\">nothing seen</p>" }
        return HTML.table(header, rows.dropFirst().map { $0.map(HTML.escape) }, empty: "nothing seen")
    }
}
