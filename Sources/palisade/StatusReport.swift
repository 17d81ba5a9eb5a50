import Foundation
import Monitor
import Storage

/// `palisade status` output.
enum StatusReport {
    static func text(_ summary: StoreSummary) -> String {
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
        return lines.joined(separator: "\n")
    }

    static func json(_ summary: StoreSummary) -> String {
        var json = JSONWriter()
        json.beginObject()
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
