import Foundation
import Monitor

/// Alerts as `palisade.alert/1` JSON lines (one object per alert; docs/detection.md) or as a
/// table for people.
public enum AlertFormatter {
    public static func jsonLine(_ alert: Alert) -> String {
        var json = JSONWriter()
        write(alert, to: &json)
        return json.output
    }

    /// `alerts` as JSON lines, each ended by a newline, handed to `output` in order in a few large
    /// parts (one `write` each instead of a `String` and a `print` per line). Many alerts are
    /// formatted in two halves on two threads.
    public static func writeJSONLines(_ alerts: [Alert], to output: (UnsafeRawBufferPointer) -> Void) {
        guard alerts.count >= parallelFormattingThreshold else {
            jsonLines(alerts[...]).withUnsafeBytes(output)
            return
        }
        let middle = alerts.count / 2
        let (first, second) = sideBySide({ jsonLines(alerts[..<middle]) }, { jsonLines(alerts[middle...]) })
        first.withUnsafeBytes(output)
        second.withUnsafeBytes(output)
    }

    /// Below this many alerts a second thread costs more than it saves.
    static let parallelFormattingThreshold = 512

    static func jsonLines(_ alerts: ArraySlice<Alert>) -> JSONWriter {
        // About 2.5 KB per alert on the benchmark's capture; more is only address space.
        var json = JSONWriter(reservingCapacity: 512 + alerts.count * 4_096)
        // By index: the alert is borrowed from the array, not copied.
        for index in alerts.indices {
            write(alerts[index], to: &json)
            json.endLine()
        }
        return json
    }

    static func write(_ alert: Alert, to json: inout JSONWriter) {
        json.beginObject()
        json.field(static: "schema", "palisade.alert/1" as StaticString)
        json.field(static: "id", alert.id)
        json.key(static: "first_ts")
        json.value(rfc3339: alert.firstTime)
        json.key(static: "last_ts")
        json.value(rfc3339: alert.lastTime)
        json.field(static: "severity", alert.severity.name)
        json.field(static: "kind", alert.kind.rawValue)
        json.field(static: "rule", alert.rule)
        json.array(static: "techniques", alert.techniques) { $0.value($1) }
        json.array(static: "assets", alert.assets) { $0.value($1) }
        json.field(static: "summary", alert.summary)
        json.field(static: "explanation", alert.explanation)
        json.key(static: "evidence")
        json.beginArray()
        for item in alert.evidence {
            json.beginObject()
            json.field(static: "origin", item.origin)
            if item.frame > 0 { json.field(static: "frame", item.frame) }
            json.key(static: "ts")
            json.value(rfc3339: item.time)
            json.field(static: "flow", item.flow)
            if !item.event.isEmpty {
                json.key(static: "event")
                json.value(rawJSON: item.event)
            }
            if !item.note.isEmpty { json.field(static: "note", item.note) }
            json.endObject()
        }
        json.endArray()
        json.field(static: "count", alert.count)
        json.field(static: "state", alert.state.rawValue)
        json.endObject()
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
