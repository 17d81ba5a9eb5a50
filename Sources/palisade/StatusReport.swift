import ArgumentParser
import Foundation
import Monitor
import Storage

/// `palisade status` output.
enum StatusReport {
    /// Alerts and the sensors' learning state, next to the store summary.
    struct Detection {
        var alertTotals: [(severity: String, state: String, count: Int)]
        var sensors: [(sensor: String, status: DetectionStatus)]
        var mutes: Int
        /// Advisories imported and the latest assessment (empty before `palisade vulns import`).
        var advisories: Int
        var risks: [StoredAssetRisk]
        var affectedAssets: Int
        var possibleAssets: Int

        init(_ store: any AlertStore & VulnerabilityStore) throws {
            do {
                alertTotals = try store.alertTotals()
                sensors = try store.detectionStatus()
                mutes = try store.mutes(activeAt: WallClock.nanoseconds()).count
                advisories = try store.advisoryCount()
                risks = try store.assetRisks()
                let outcomes = Dictionary(grouping: try store.vulnerabilityMatches(assetID: nil), by: \.assetID)
                    .mapValues { Set($0.map(\.outcome)) }
                affectedAssets = outcomes.values.filter { $0.contains("affected") }.count
                possibleAssets = outcomes.values.filter { !$0.contains("affected") && $0.contains("possible") }.count
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        }
    }

    static func text(_ summary: StoreSummary, detection: Detection) -> String {
        var lines: [String] = []
        lines.append(
            "Store \(summary.path) (schema \(summary.schemaVersion), \(megabytes(summary.fileBytes)))")
        lines.append("Assets: \(summary.assets)\(breakdown(summary.assetsByRole))")
        lines.append("Communication edges: \(summary.edges)")
        var events = "Notable events: \(summary.events)\(breakdown(summary.eventsByOperation))"
        if let first = summary.firstEvent, let last = summary.lastEvent {
            events += ", \(rfc3339(first)) to \(rfc3339(last))"
        }
        lines.append(events)
        lines.append("Identity facts: \(summary.facts), value changes recorded: \(summary.factChanges)")
        lines.append("Sources:")
        if summary.sources.isEmpty { lines.append("  none yet (palisade import CAPTURE, or palisade sensor -i IF)") }
        for source in summary.sources {
            var line =
                "  \(source.kind.rawValue) \(source.name): \(source.state.rawValue), \(source.packets) packets, \(source.events) events"
            if let hash = source.contentHash { line += ", sha256 \(hash.prefix(12))…" }
            line += ", updated \(rfc3339(source.updated))"
            if source.state == .importing { line += " (incomplete: import it again to finish)" }
            lines.append(line)
        }
        if !summary.latestSamples.isEmpty {
            lines.append("Sensor health (latest sample per interface):")
            let now = WallClock.nanoseconds()
            for sample in summary.latestSamples {
                let age = Double(now - sample.time) / 1e9
                var line =
                    "  \(sample.interface) at \(rfc3339(sample.time)): \(Int(sample.packetsPerSecond)) pps, \(sample.packets) packets, received \(sample.received), kernel drops \(sample.kernelDrops), interface drops \(sample.interfaceDrops), queue drops \(sample.queueDrops), store drops \(sample.storeDrops)"
                if age > 60 { line += " — no sample for \(Int(age)) s: the sensor is not running" }
                lines.append(line)
            }
        }
        lines.append(alertLine(detection))
        for (sensor, status) in detection.sensors { lines.append("  " + modeLine(sensor, status)) }
        lines.append(vulnerabilityLine(detection))
        return lines.joined(separator: "\n")
    }

    static func alertLine(_ detection: Detection) -> String {
        guard !detection.alertTotals.isEmpty else { return "Alerts: none" }
        var bySeverity: [String: (open: Int, all: Int)] = [:]
        for total in detection.alertTotals {
            let open = total.state == "closed" ? 0 : total.count
            bySeverity[total.severity, default: (0, 0)].open += open
            bySeverity[total.severity, default: (0, 0)].all += total.count
        }
        let parts = StoredAlert.severities.reversed().compactMap { severity in
            bySeverity[severity].map { "\(severity) \($0.open) open of \($0.all)" }
        }
        let mutes = detection.mutes > 0 ? "; \(detection.mutes) mutes in force" : ""
        return "Alerts: " + parts.joined(separator: ", ") + mutes + " (palisade alerts list)"
    }

    static func vulnerabilityLine(_ detection: Detection) -> String {
        guard detection.advisories > 0 else { return "Vulnerabilities: no advisories imported (palisade vulns import)" }
        var line =
            "Vulnerabilities: \(detection.advisories) advisories; \(detection.affectedAssets) assets affected, \(detection.possibleAssets) possibly"
        let riskiest = detection.risks.prefix(3).map { "\($0.assetID) \(String(format: "%.0f", $0.score)) \($0.level)" }
        if !riskiest.isEmpty { line += "; highest risk: " + riskiest.joined(separator: ", ") }
        return line + " (palisade vulns list)"
    }

    static func modeLine(_ sensor: String, _ status: DetectionStatus) -> String {
        var line = "detection on \(sensor): \(status.mode)"
        if status.mode == "learning", let started = status.learningStarted {
            line += " since \(rfc3339(started))"
            if let until = status.learningUntil {
                let total = Double(until - started)
                let done = Double(min(status.updated, until) - started)
                line += ", \(Int(100 * done / max(total, 1)))% of the period (until \(rfc3339(until)))"
            }
        }
        line += ", baseline \(status.baselineEntries) entries"
        if let change = status.lastBaselineChange { line += ", last changed \(rfc3339(change))" }
        if let path = status.baselinePath { line += " (\(path))" }
        return line
    }

    static func json(_ summary: StoreSummary, detection: Detection) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("alerts")
        json.beginArray()
        for total in detection.alertTotals {
            json.beginObject()
            json.field("severity", total.severity)
            json.field("state", total.state)
            json.field("count", total.count)
            json.endObject()
        }
        json.endArray()
        json.field("mutes", detection.mutes)
        json.key("vulnerabilities")
        json.beginObject()
        json.field("advisories", detection.advisories)
        json.field("affected_assets", detection.affectedAssets)
        json.field("possible_assets", detection.possibleAssets)
        json.key("risk_levels")
        json.beginObject()
        for level in ["critical", "high", "medium", "low"] {
            json.field(level, detection.risks.filter { $0.level == level }.count)
        }
        json.endObject()
        json.endObject()
        json.key("detection")
        json.beginArray()
        for (sensor, status) in detection.sensors {
            json.beginObject()
            json.field("sensor", sensor)
            json.field("mode", status.mode)
            if let started = status.learningStarted {
                json.key("learning_started")
                json.value(rfc3339: started)
            }
            if let until = status.learningUntil {
                json.key("learning_until")
                json.value(rfc3339: until)
            }
            json.field("baseline_entries", status.baselineEntries)
            json.endObject()
        }
        json.endArray()
        json.field("path", summary.path)
        json.field("schema", summary.schemaVersion)
        json.field("file_bytes", summary.fileBytes)
        json.field("assets", summary.assets)
        counts("assets_by_role", summary.assetsByRole, into: &json)
        json.field("edges", summary.edges)
        json.field("events", summary.events)
        counts("events_by_operation", summary.eventsByOperation, into: &json)
        json.field("facts", summary.facts)
        json.field("fact_changes", summary.factChanges)
        json.key("sources")
        json.beginArray()
        for source in summary.sources {
            json.beginObject()
            json.field("id", source.id)
            json.field("kind", source.kind.rawValue)
            json.field("name", source.name)
            json.field("state", source.state.rawValue)
            if let hash = source.contentHash { json.field("sha256", hash) }
            json.field("packets", source.packets)
            json.field("bytes", source.bytes)
            json.field("events", source.events)
            json.field("updated", rfc3339(source.updated))
            json.endObject()
        }
        json.endArray()
        json.key("sensors")
        json.beginArray()
        for sample in summary.latestSamples {
            json.beginObject()
            json.field("interface", sample.interface)
            json.field("time", rfc3339(sample.time))
            json.field("packets", sample.packets)
            json.field("bytes", sample.bytes)
            json.key("packets_per_second")
            json.value(sample.packetsPerSecond)
            json.field("received", sample.received)
            json.field("kernel_drops", sample.kernelDrops)
            json.field("interface_drops", sample.interfaceDrops)
            json.field("queue_drops", sample.queueDrops)
            json.field("store_drops", sample.storeDrops)
            json.field("flows", sample.flows)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.output
    }

    private static func counts(_ name: String, _ values: [String: Int], into json: inout JSONWriter) {
        json.key(name)
        json.beginObject()
        for (key, value) in values.sorted(by: { $0.key < $1.key }) { json.field(key, value) }
        json.endObject()
    }

    private static func breakdown(_ values: [String: Int]) -> String {
        guard !values.isEmpty else { return "" }
        let parts = values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
        return " (" + parts.joined(separator: ", ") + ")"
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
