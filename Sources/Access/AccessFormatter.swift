import EventModel
import Monitor

/// `palisade access` output: aligned tables, JSON, or CSV (one header per section).
public enum AccessFormatter {
    public static func table(_ report: AccessReport, sections: [AccessSection] = AccessSection.allCases) -> String {
        var parts: [String] = []
        for section in sections {
            switch section {
            case .matrix:
                parts.append("ACCESS MATRIX (who performs what on which controller)\n" + align(matrixRows(report)))
            case .sessions:
                parts.append("REMOTE ACCESS SESSIONS\n" + align(sessionRows(report)))
            case .credentials:
                parts.append(
                    "CLEARTEXT CREDENTIALS (secrets are never printed)\n" + align(credentialRows(report)))
            }
        }
        return parts.joined(separator: "\n\n")
    }

    public static func csv(_ report: AccessReport, sections: [AccessSection] = AccessSection.allCases) -> String {
        var parts: [String] = []
        for section in sections {
            let rows: [[String]]
            switch section {
            case .matrix: rows = matrixRows(report, raw: true)
            case .sessions: rows = sessionRows(report, raw: true)
            case .credentials: rows = credentialRows(report, raw: true)
            }
            parts.append(rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    public static func json(_ report: AccessReport, sections: [AccessSection] = AccessSection.allCases) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("schema", "palisade.access/1")
        for section in sections {
            json.key(section.rawValue)
            json.beginArray()
            switch section {
            case .matrix: for entry in report.matrix { write(entry, into: &json) }
            case .sessions: for session in report.sessions { write(session, into: &json) }
            case .credentials: for credential in report.credentials { write(credential, into: &json) }
            }
            json.endArray()
        }
        json.field("cap_hits", report.capHits)
        json.endObject()
        return json.output
    }

    // MARK: rows

    public static func matrixRows(_ report: AccessReport, raw: Bool = false) -> [[String]] {
        var rows = [
            (raw
                ? ["actor_asset", "actor_address", "actor_name", "actor_role", "actor_zone"]
                : ["ACTOR", "ROLE", "ZONE"])
                + (raw
                    ? [
                        "controller_asset", "controller_address", "controller_name", "controller_role",
                        "controller_zone",
                    ]
                    : ["CONTROLLER", "ROLE", "ZONE"])
                + ["protocol", "ports"] + AccessMatrix.categories.map(\.name) + ["flows", "first_seen", "last_seen"]
        ]
        if !raw { rows[0] = rows[0].map { $0.uppercased() } }
        for entry in report.matrix {
            let counts = AccessMatrix.categories.map { String(entry.count($0)) }
            let ports = entry.serverPorts.map(String.init).joined(separator: " ")
            rows.append(
                parties(entry.actor, raw: raw) + parties(entry.controller, raw: raw)
                    + [entry.protocolName, ports] + counts
                    + [String(entry.flows), rfc3339(entry.firstSeen), rfc3339(entry.lastSeen)])
        }
        return rows
    }

    public static func sessionRows(_ report: AccessReport, raw: Bool = false) -> [[String]] {
        var rows = [
            (raw
                ? ["client_asset", "client_address", "client_name", "client_role", "client_zone"]
                : ["CLIENT", "ROLE", "ZONE"])
                + (raw
                    ? ["server_asset", "server_address", "server_name", "server_role", "server_zone"]
                    : ["SERVER", "ROLE", "ZONE"])
                + [
                    "protocol", "port", "start", "duration_s", "bytes_to_server", "bytes_to_client", "state", "into_ot",
                ]
        ]
        if !raw { rows[0] = rows[0].map { $0.uppercased() } }
        for session in report.sessions {
            rows.append(
                parties(session.client, raw: raw) + parties(session.server, raw: raw)
                    + [
                        session.protocolName, String(session.serverPort), rfc3339(session.start),
                        secondsText(session.duration), String(session.bytesToServer),
                        String(session.bytesToClient), session.state,
                        session.operationalReason.map { "yes: \($0)" } ?? "no",
                    ])
        }
        return rows
    }

    public static func credentialRows(_ report: AccessReport, raw: Bool = false) -> [[String]] {
        var rows = [
            (raw
                ? ["client_asset", "client_address", "client_name", "client_role", "client_zone"]
                : ["CLIENT", "ROLE", "ZONE"])
                + (raw
                    ? ["server_asset", "server_address", "server_name", "server_role", "server_zone"]
                    : ["SERVER", "ROLE", "ZONE"])
                + ["protocol", "kind", "account", "secret_visible", "count", "first_seen", "last_seen"]
        ]
        if !raw { rows[0] = rows[0].map { $0.uppercased() } }
        for credential in report.credentials {
            rows.append(
                parties(credential.client, raw: raw) + parties(credential.server, raw: raw)
                    + [
                        credential.protocolName, credential.kind.rawValue, PrintableText.clean(credential.account),
                        visibility(credential.secretVisible), String(credential.count),
                        rfc3339(credential.firstSeen), rfc3339(credential.lastSeen),
                    ])
        }
        return rows
    }

    static func visibility(_ visible: Bool?) -> String {
        switch visible {
        case .some(true): "yes"
        case .some(false): "no"
        case .none: "unknown"
        }
    }

    private static func parties(_ party: AccessParty, raw: Bool) -> [String] {
        if raw {
            return [
                party.assetID, party.address, PrintableText.clean(party.name ?? ""), party.role.rawValue,
                party.zone ?? "",
            ]
        }
        let label = party.name.map { "\(PrintableText.clean($0, limit: 24)) (\(party.address))" } ?? party.address
        return [label, party.role.title, party.zone ?? "-"]
    }

    private static func align(_ rows: [[String]]) -> String {
        guard rows.count > 1 else { return "(none)" }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    private static func write(_ party: AccessParty, named name: String, into json: inout JSONWriter) {
        json.key(name)
        json.beginObject()
        json.field("asset", party.assetID)
        json.field("address", party.address)
        if let value = party.name { json.field("name", value) }
        json.field("role", party.role.rawValue)
        if let level = party.purdueLevel { json.field("purdue_level", level) }
        if let zone = party.zone { json.field("zone", zone) }
        json.endObject()
    }

    private static func write(_ entry: AccessMatrixEntry, into json: inout JSONWriter) {
        json.beginObject()
        write(entry.actor, named: "actor", into: &json)
        write(entry.controller, named: "controller", into: &json)
        json.field("protocol", entry.protocolName)
        json.key("ports")
        json.beginArray()
        for port in entry.serverPorts { json.value(port) }
        json.endArray()
        json.key("operations")
        json.beginObject()
        for category in AccessMatrix.categories where entry.count(category) > 0 {
            json.field(category.name, entry.count(category))
        }
        json.endObject()
        json.field("flows", entry.flows)
        json.key("first_seen")
        json.value(rfc3339: entry.firstSeen)
        json.key("last_seen")
        json.value(rfc3339: entry.lastSeen)
        json.endObject()
    }

    private static func write(_ session: RemoteSession, into json: inout JSONWriter) {
        json.beginObject()
        write(session.client, named: "client", into: &json)
        write(session.server, named: "server", into: &json)
        json.field("protocol", session.protocolName)
        json.field("port", session.serverPort)
        json.key("start")
        json.value(rfc3339: session.start)
        json.key("end")
        json.value(rfc3339: session.end)
        json.key("duration_s")
        json.value(session.duration)
        json.field("bytes_to_server", session.bytesToServer)
        json.field("bytes_to_client", session.bytesToClient)
        json.field("packets", session.packets)
        json.field("state", session.state)
        json.key("into_ot")
        json.value(session.intoOT)
        if let reason = session.operationalReason { json.field("ot_reason", reason) }
        json.endObject()
    }

    private static func write(_ credential: CredentialSighting, into json: inout JSONWriter) {
        json.beginObject()
        write(credential.client, named: "client", into: &json)
        write(credential.server, named: "server", into: &json)
        json.field("protocol", credential.protocolName)
        json.field("kind", credential.kind.rawValue)
        json.field("account", credential.account)
        json.key("secret_visible")
        if let visible = credential.secretVisible { json.value(visible) } else { json.null() }
        json.field("count", credential.count)
        json.key("first_seen")
        json.value(rfc3339: credential.firstSeen)
        json.key("last_seen")
        json.value(rfc3339: credential.lastSeen)
        json.endObject()
    }
}

/// Seconds with one decimal, without Foundation's locale-dependent formatting.
func secondsText(_ seconds: Double) -> String {
    let tenths = Int64((seconds * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
