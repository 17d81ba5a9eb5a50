import Foundation
import Hummingbird
import Storage

/// Escaping for everything that goes into a page: asset names, facts and evidence come from the
/// wire.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // Control characters other than tab and newline are shown as a replacement mark.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || scalar.value == 0x7F {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A path segment or query value.
    static func urlComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A table from rows of already escaped cells.
    static func table(_ header: [String], _ rows: [[String]], empty: String = "nothing yet") -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(escape(empty))</p>" }
        var html = "<table><thead><tr>"
        for cell in header { html += "<th>\(escape(cell))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return html + "</tbody></table>"
    }

    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    static func time(_ nanoseconds: Int64?) -> String {
        guard let nanoseconds, nanoseconds > 0, nanoseconds < Int64.max else { return "–" }
        let date = Date(timeIntervalSince1970: Double(nanoseconds) / 1e9)
        return escape(ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime]))
    }

    static func csrfField(_ identity: ConsoleIdentity?) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(identity?.csrfToken ?? ""))\">"
    }
}

/// JSON string literals for the few hand-written JSON bodies.
enum JSONText {
    static func quoted(_ text: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]),
            let array = String(data: data, encoding: .utf8)
        else { return "\"\"" }
        return String(array.dropFirst().dropLast())
    }
}

/// The frame of every page: navigation by role, the signed-in user, a sign-out form.
enum HTMLPage {
    static let sections: [(path: String, title: String, role: ConsoleRole)] = [
        ("/", "Overview", .viewer), ("/assets", "Assets", .viewer), ("/map", "Map", .viewer),
        ("/zones", "Zones", .viewer),
        ("/alerts", "Alerts", .viewer), ("/baseline", "Baseline", .viewer),
        ("/vulnerabilities", "Vulnerabilities", .viewer), ("/access", "Access", .viewer),
        ("/import", "Import", .analyst),
        ("/audit", "Audit log", .admin), ("/users", "Users", .admin),
    ]

    static func render(title: String, identity: ConsoleIdentity?, active: String, body: String) -> String {
        var nav = ""
        if let identity {
            for section in sections where identity.role >= section.role {
                let current = section.path == active ? " aria-current=\"page\"" : ""
                nav += "<a href=\"\(section.path)\"\(current)>\(section.title)</a>"
            }
            nav +=
                "<form method=\"post\" action=\"/logout\" class=\"signout\">\(HTML.csrfField(identity))<span>\(HTML.escape(identity.user)) · \(identity.role.rawValue)</span><button type=\"submit\">Sign out</button></form>"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Palisade</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/console.css"></head>
            <body><header><span class="brand">Palisade</span><nav>\(nav)</nav></header>
            <main>\(body)</main></body></html>
            """
    }
}
