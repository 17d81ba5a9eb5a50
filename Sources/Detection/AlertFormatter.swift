import Foundation
import Monitor

/// Alerts as `palisade.alert/1` JSON lines (one object per alert; docs/detection.md) or as a
/// table for people.
public enum AlertFormatter {
    public static func jsonLine(_ alert: Alert) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("schema", "palisade.alert/1")
        json.field("id", alert.id)
        json.key("first_ts")
        json.value(rfc3339: alert.firstTime)
        json.key("last_ts")
        json.value(rfc3339: alert.lastTime)
        json.field("severity", alert.severity.name)
        json.field("kind", alert.kind.rawValue)
        json.field("rule", alert.rule)
        json.key("techniques")
        json.beginArray()
        for technique in alert.techniques { json.value(technique) }
        json.endArray()
        json.key("assets")
        json.beginArray()
        for asset in alert.assets { json.value(asset) }
        json.endArray()
        json.field("summary", alert.summary)
        json.field("explanation", alert.explanation)
        json.key("evidence")
        json.beginArray()
        for item in alert.evidence {
            json.beginObject()
            json.field("origin", item.origin)
            if item.frame > 0 { json.field("frame", item.frame) }
            json.key("ts")
            json.value(rfc3339: item.time)
            json.field("flow", item.flow)
            if !item.event.isEmpty {
                json.key("event")
                json.value(rawJSON: item.event)
            }
            if !item.note.isEmpty { json.field("note", item.note) }
            json.endObject()
        }
        json.endArray()
        json.field("count", alert.count)
        json.field("state", alert.state.rawValue)
        json.endObject()
        return json.output
    }

    /// One line per alert: time, severity, rule, techniques, count (and state), summary.
    public static func table(_ alerts: [Alert], showState: Bool = false) -> String {
        guard !alerts.isEmpty else { return "no alerts\n" }
        var header = ["FIRST SEEN", "SEVERITY", "RULE", "ATT&CK", "COUNT"]
        if showState { header = ["ID"] + header + ["STATE"] }
        var rows = [header + ["SUMMARY"]]
        for alert in alerts {
            var row = [
                rfc3339(alert.firstTime), alert.severity.name, alert.rule, alert.techniques.joined(separator: ","),
                String(alert.count),
            ]
            if showState { row = [alert.id] + row + [alert.state.rawValue] }
            rows.append(row + [alert.summary])
        }
        let columns = header.count
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            for column in 0..<columns {
                text += row[column].padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            text += row[columns] + "\n"
        }
        var bySeverity: [Severity: Int] = [:]
        for alert in alerts { bySeverity[alert.severity, default: 0] += 1 }
        text +=
            "\n\(alerts.count) alerts: "
            + Severity.allCases.reversed().compactMap { severity in
                bySeverity[severity].map { "\($0) \(severity.name)" }
            }.joined(separator: ", ") + "\n"
        return text
    }

    /// One alert in full, for a person: every field and each piece of evidence.
    public static func detail(_ alert: Alert) -> String {
        var lines = [
            "alert \(alert.id) (\(alert.state.rawValue))",
            "  \(alert.severity.name) · \(alert.kind.rawValue) \(alert.rule) · ATT&CK \(alert.techniques.joined(separator: ", "))",
            "  \(alert.summary)",
            "  seen \(alert.count) times, \(rfc3339(alert.firstTime)) to \(rfc3339(alert.lastTime))",
            "  assets: \(alert.assets.joined(separator: ", "))",
            "  why: \(alert.explanation)",
            "  evidence:",
        ]
        for item in alert.evidence {
            var line = "    \(item.origin)"
            if item.frame > 0 { line += " frame \(item.frame)" }
            line += " at \(rfc3339(item.time)): \(item.flow)"
            if !item.note.isEmpty { line += " — \(item.note)" }
            lines.append(line)
            if !item.event.isEmpty { lines.append("      \(item.event)") }
        }
        return lines.joined(separator: "\n")
    }
}
