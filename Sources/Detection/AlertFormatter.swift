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

    /// One line per alert: time, severity, rule, techniques, count, summary.
    public static func table(_ alerts: [Alert]) -> String {
        guard !alerts.isEmpty else { return "no alerts\n" }
        var rows = [["FIRST SEEN", "SEVERITY", "RULE", "ATT&CK", "COUNT", "SUMMARY"]]
        for alert in alerts {
            rows.append([
                timeText(alert.firstTime), alert.severity.name, alert.rule, alert.techniques.joined(separator: ","),
                String(alert.count), alert.summary,
            ])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            for column in 0..<5 {
                text += row[column].padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            text += row[5] + "\n"
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

    static func timeText(_ nanoseconds: Int64) -> String {
        var json = JSONWriter()
        json.value(rfc3339: nanoseconds)
        return String(json.output.dropFirst().dropLast())
    }
}
