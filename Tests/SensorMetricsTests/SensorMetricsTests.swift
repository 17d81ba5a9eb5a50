import Metrics
import SensorMetrics
import Testing

@Suite struct SensorMetricsTests {
    /// Snapshots as the sensor's once-a-second tick would give them.
    static func recordSampleSnapshots(_ metrics: SensorMetrics) {
        metrics.setCaptureUp(interface: "eth0", true)
        metrics.record(interface: "eth0", packets: 100, bytes: 64_000, kernelDrops: 2, interfaceDrops: 0, queueDrops: 1)
        metrics.record(interface: "eth0", packets: 150, bytes: 96_500, kernelDrops: 7, interfaceDrops: 3, queueDrops: 1)
        // eth1's capture reopened: its totals restart from zero, so 50 then 20 means 70 packets.
        metrics.record(interface: "eth1", packets: 50, bytes: 5_000, kernelDrops: 0, interfaceDrops: 0, queueDrops: 0)
        metrics.record(interface: "eth1", packets: 20, bytes: 2_000, kernelDrops: 0, interfaceDrops: 0, queueDrops: 0)
        metrics.setCaptureUp(interface: "eth1", false)
        metrics.recordFlows(total: 10, active: 4)
        metrics.recordFlows(total: 12, active: 3)
        metrics.recordEvents(protocol: "modbus", operation: "read", count: 3)
        metrics.recordEvents(protocol: "modbus", operation: "read", count: 4)
        metrics.recordEvents(protocol: "modbus", operation: "write", count: 1)
        metrics.recordEvents(protocol: "arp", operation: "", count: 2)
        metrics.recordEventTotal(protocol: "dnp3", operation: "control", total: 10)
        metrics.recordEventTotal(protocol: "dnp3", operation: "control", total: 25)
        // Binary-exact durations so the sum prints exactly.
        metrics.recordStoreWrite(seconds: 0.0625, rows: 5, table: "events")
        metrics.recordStoreWrite(seconds: 0.25, rows: 2, table: "events")
        metrics.recordStoreRows(table: "flows", rows: 9)
    }

    static let expectedSampleLines = [
        "# TYPE palisade_packets_total counter",
        #"palisade_packets_total{interface="eth0"} 150"#,
        #"palisade_packets_total{interface="eth1"} 70"#,
        #"palisade_bytes_total{interface="eth0"} 96500"#,
        #"palisade_bytes_total{interface="eth1"} 7000"#,
        "# TYPE palisade_drops_total counter",
        #"palisade_drops_total{interface="eth0",reason="kernel"} 7"#,
        #"palisade_drops_total{interface="eth0",reason="interface"} 3"#,
        #"palisade_drops_total{interface="eth0",reason="queue"} 1"#,
        #"palisade_drops_total{interface="eth1",reason="kernel"} 0"#,
        "# TYPE palisade_capture_up gauge",
        #"palisade_capture_up{interface="eth0"} 1.0"#,
        #"palisade_capture_up{interface="eth1"} 0.0"#,
        "palisade_flows_total 12",
        "palisade_active_flows 3.0",
        "# TYPE palisade_events_total counter",
        "# HELP palisade_events_total Protocol events decoded, by protocol and operation.",
        #"palisade_events_total{protocol="modbus",operation="read"} 7"#,
        #"palisade_events_total{protocol="modbus",operation="write"} 1"#,
        #"palisade_events_total{protocol="arp",operation="none"} 2"#,
        #"palisade_events_total{protocol="dnp3",operation="control"} 25"#,
        "# TYPE palisade_store_write_seconds histogram",
        #"palisade_store_write_seconds_bucket{le="0.05"} 0"#,
        #"palisade_store_write_seconds_bucket{le="0.1"} 1"#,
        #"palisade_store_write_seconds_bucket{le="0.25"} 2"#,
        #"palisade_store_write_seconds_bucket{le="10.0"} 2"#,
        #"palisade_store_write_seconds_bucket{le="+Inf"} 2"#,
        "palisade_store_write_seconds_sum 0.3125",
        "palisade_store_write_seconds_count 2",
        #"palisade_store_rows_total{table="events"} 7"#,
        #"palisade_store_rows_total{table="flows"} 9"#,
        #"palisade_build_info{version="1.2.3"} 1.0"#,
    ]

    @Test func scrapeOverHTTPGivesTheSnapshotsDifferences() throws {
        let metrics = SensorMetrics(version: "1.2.3")
        Self.recordSampleSnapshots(metrics)
        let endpoint = try MetricsEndpoint(address: "127.0.0.1:0", metrics: metrics)
        let port = try endpoint.start()
        defer { endpoint.shutdown() }
        #expect(port > 0)
        #expect(endpoint.boundPort == port)

        let response = try HTTPTestClient.request(port: port)
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.headers["content-length"] == String(response.body.utf8.count))
        let lines = Set(response.bodyLines)
        #expect(Self.expectedSampleLines.filter { !lines.contains($0) } == [], "lines missing from the scrape")
        // Every bucket of the histogram is there, 16 bounds and +Inf.
        let buckets = response.bodyLines.filter { $0.hasPrefix("palisade_store_write_seconds_bucket{") }
        #expect(buckets.count == SensorMetrics.storeWriteBuckets.count + 1)
        // Each family's TYPE line appears once even with several label sets.
        #expect(response.bodyLines.filter { $0 == "# TYPE palisade_drops_total counter" }.count == 1)

        // The next tick moves the counters by the new difference only.
        metrics.record(
            interface: "eth0", packets: 175, bytes: 100_000, kernelDrops: 7, interfaceDrops: 3, queueDrops: 4)
        let second = try HTTPTestClient.request(port: port)
        #expect(second.bodyLines.contains(#"palisade_packets_total{interface="eth0"} 175"#))
        #expect(second.bodyLines.contains(#"palisade_drops_total{interface="eth0",reason="queue"} 4"#))
    }

    @Test func exposedBeforeAnyTrafficWithTheGlobalSeries() {
        let text = String(decoding: SensorMetrics(version: "0.1.0").exposition(), as: UTF8.self)
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains("palisade_flows_total 0"))
        #expect(lines.contains("palisade_active_flows 0.0"))
        #expect(lines.contains("palisade_store_write_seconds_count 0"))
        #expect(lines.contains(#"palisade_build_info{version="0.1.0"} 1.0"#))
        #expect(!text.contains("palisade_packets_total{"))
    }

    @Test func labelValuesAreEscaped() {
        let metrics = SensorMetrics(version: "x")
        metrics.record(interface: #"we"ird\if"#, packets: 1, bytes: 2, kernelDrops: 0, interfaceDrops: 0, queueDrops: 0)
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains(#"palisade_packets_total{interface="we\"ird\\if"} 1"#))
    }

    @Test func eventSeriesAreCapped() {
        let metrics = SensorMetrics(version: "x")
        for index in 0..<(SensorMetrics.maximumEventSeries + 10) {
            metrics.recordEvents(protocol: "p\(index)", operation: "read", count: 1)
        }
        // An existing series keeps counting after the cap.
        metrics.recordEvents(protocol: "p0", operation: "read", count: 1)
        let lines = String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n")
        let series = lines.filter { $0.hasPrefix("palisade_events_total{") }
        #expect(series.count == SensorMetrics.maximumEventSeries + 1)
        #expect(series.contains(#"palisade_events_total{protocol="overflow",operation="overflow"} 10"#))
        #expect(series.contains(#"palisade_events_total{protocol="p0",operation="read"} 2"#))
    }

    @Test func metricsSystemIsBootstrappedOnlyOncePerProcess() {
        let first = SensorMetrics(version: "a")
        let second = SensorMetrics(version: "b")
        let firstDidBootstrap = first.bootstrapMetricsSystem()
        #expect(second.bootstrapMetricsSystem() == false)
        #expect(first.bootstrapMetricsSystem() == false)
        if firstDidBootstrap {
            Metrics.Counter(label: "palisade_test_swift_metrics_total").increment(by: 3)
            let text = String(decoding: first.exposition(), as: UTF8.self)
            #expect(text.contains("palisade_test_swift_metrics_total 3"))
        }
    }
}
