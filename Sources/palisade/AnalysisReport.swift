import BinaryParsing
import EventModel
import Monitor
import PacketCapture
import PacketLayers

enum AnalysisReport {
    static func json(_ result: CaptureAnalyzer.Result) -> String {
        let statistics = result.statistics
        var json = JSONWriter()
        json.beginObject()
        json.field("packets", statistics.packets)
        json.field("bytes", statistics.bytes)
        json.field("flows", statistics.flows)
        json.key("first_ts")
        if statistics.packets > 0 { json.value(rfc3339(statistics.firstTimestamp)) } else { json.null() }
        json.key("last_ts")
        if statistics.packets > 0 { json.value(rfc3339(statistics.lastTimestamp)) } else { json.null() }
        json.key("duration_seconds")
        json.value(duration(statistics))
        json.key("files")
        json.beginArray()
        for file in result.files { json.value(file) }
        json.endArray()
        json.key("link_types")
        json.beginObject()
        for (type, count) in statistics.linkTypes.sorted(by: { $0.key < $1.key }) {
            json.field(LinkType(rawValue: type).name, count)
        }
        json.endObject()
        json.key("flows_by_transport")
        json.beginObject()
        for (name, count) in statistics.flowsByTransport.sorted(by: { $0.key < $1.key }) { json.field(name, count) }
        json.endObject()
        json.key("protocols")
        json.beginObject()
        for (name, count) in statistics.packetsByProtocol.sorted(by: { $0.key < $1.key }) { json.field(name, count) }
        json.endObject()
        json.key("events")
        json.value(statistics.events)
        if !statistics.profinetFrames.isEmpty {
            json.key("profinet_frames")
            json.beginObject()
            for (frameID, count) in statistics.profinetFrames.sorted(by: { $0.key < $1.key }) {
                json.field("0x" + String(frameID, radix: 16), count)
            }
            json.endObject()
        }
        json.key("top_talkers")
        json.beginArray()
        for (host, bytes) in topTalkers(statistics) {
            json.beginObject()
            json.field("address", host.description)
            json.field("bytes", bytes)
            json.field("packets", statistics.hostPackets[host] ?? 0)
            json.endObject()
        }
        json.endArray()
        json.key("anomalies")
        json.beginObject()
        for (name, count) in statistics.anomalies.byName.sorted(by: { $0.key < $1.key }) { json.field(name, count) }
        json.endObject()
        json.key("caps_hit")
        json.beginObject()
        for (name, count) in statistics.capsHit.sorted(by: { $0.key < $1.key }) { json.field(name, count) }
        json.endObject()
        json.key("tcp_reassembly")
        json.beginObject()
        let reassembly = statistics.reassembly
        json.field("retransmissions", reassembly.retransmissions)
        json.field("overlaps", reassembly.overlaps)
        json.field("out_of_order_segments", reassembly.outOfOrderSegments)
        json.field("gaps", reassembly.gaps)
        json.field("gap_bytes", reassembly.gapBytes)
        json.field("mid_stream_starts", reassembly.midStreamStarts)
        json.endObject()
        json.key("errors")
        json.beginArray()
        for error in result.errors { json.value(error.description) }
        json.endArray()
        json.endObject()
        return json.output
    }

    static func text(_ result: CaptureAnalyzer.Result) -> String {
        let statistics = result.statistics
        var lines: [String] = []
        lines.append("files:      \(result.files.joined(separator: ", "))")
        lines.append("packets:    \(statistics.packets)")
        lines.append("bytes:      \(statistics.bytes)")
        if statistics.packets > 0 {
            lines.append("first:      \(rfc3339(statistics.firstTimestamp))")
            lines.append("last:       \(rfc3339(statistics.lastTimestamp))")
            lines.append("duration:   \(duration(statistics)) s")
        }
        let links = statistics.linkTypes.sorted { $0.key < $1.key }.map {
            "\(LinkType(rawValue: $0.key).name) \($0.value)"
        }
        lines.append("link types: \(links.joined(separator: ", "))")
        let transports = statistics.flowsByTransport.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("flows:      \(statistics.flows) (\(transports.joined(separator: ", ")))")
        lines.append("events:     \(statistics.events)")
        lines.append("")
        lines.append("protocols (packets):")
        for (name, count) in statistics.packetsByProtocol.sorted(by: {
            $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key)
        }) {
            lines.append("  \(pad(name, 16)) \(count)")
        }
        lines.append("")
        lines.append("top talkers (bytes):")
        for (host, bytes) in topTalkers(statistics) {
            lines.append("  \(pad(host.description, 40)) \(bytes)")
        }
        let anomalies = statistics.anomalies.byName.sorted { $0.key < $1.key }
        lines.append("")
        lines.append("anomalies:  \(anomalies.isEmpty ? "none" : "")")
        for (name, count) in anomalies { lines.append("  \(pad(name, 40)) \(count)") }
        let caps = statistics.capsHit.sorted { $0.key < $1.key }
        lines.append("caps hit:   \(caps.isEmpty ? "none" : "")")
        for (name, count) in caps { lines.append("  \(pad(name, 40)) \(count)") }
        return lines.joined(separator: "\n")
    }

    static func topTalkers(_ statistics: CaptureStatistics, limit: Int = 10) -> [(IPAddress, UInt64)] {
        statistics.hostBytes.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    static func duration(_ statistics: CaptureStatistics) -> Double {
        guard statistics.packets > 0 else { return 0 }
        return Double(statistics.lastTimestamp - statistics.firstTimestamp) / 1e9
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
