import Prometheus
import Synchronization

/// The sensor's Prometheus metrics: one registry and the named series, created once and advanced
/// from the sensor's own cumulative counters about once a second.
///
/// Nothing here runs per packet. The capture and store loops keep plain cumulative totals; a
/// once-a-second tick hands them over as absolute snapshots and the Prometheus counters advance by
/// the difference from the previous snapshot. A snapshot lower than the previous one means the
/// source started again from zero (a capture reopened), so the counter advances by the new value.
///
/// Series appear when first seen: per-interface series on the first snapshot or `setCaptureUp`,
/// event series on the first `(protocol, operation)` pair, row series on the first table.
public final class SensorMetrics: Sendable {
    /// Store transaction latency buckets, seconds: 100 µs (one small SQLite transaction) to 10 s
    /// (a stalled disk).
    public static let storeWriteBuckets: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// Distinct `(protocol, operation)` series kept; later pairs are counted under
    /// `protocol="overflow", operation="overflow"` so a bug upstream cannot grow the registry without
    /// bound. The catalog has about 40 protocols × 11 operations.
    public static let maximumEventSeries = 1024

    /// The registry every series lives in; `exposition()` renders it.
    public let registry: PrometheusCollectorRegistry

    private let flowsTotal: Counter
    private let activeFlows: Gauge
    private let storeWriteSeconds: ValueHistogram
    private let state = Mutex(State())
    static let metricsSystemBootstrapped = Mutex(false)

    private struct InterfaceSeries {
        let packets: Counter
        let bytes: Counter
        let kernelDrops: Counter
        let interfaceDrops: Counter
        let queueDrops: Counter
        let captureUp: Gauge
        var last = CaptureSnapshot()
    }

    private struct CaptureSnapshot {
        var packets: UInt64 = 0
        var bytes: UInt64 = 0
        var kernelDrops: UInt64 = 0
        var interfaceDrops: UInt64 = 0
        var queueDrops: UInt64 = 0
    }

    private struct EventKey: Hashable {
        let protocolName: String
        let operation: String
    }

    private struct EventSeries {
        let counter: Counter
        var lastTotal: UInt64 = 0
    }

    private struct State {
        var interfaces: [String: InterfaceSeries] = [:]
        var events: [EventKey: EventSeries] = [:]
        var storeRows: [String: Counter] = [:]
        var lastFlowsTotal: UInt64 = 0
    }

    /// The series names and help texts (`palisade_<name>_<unit>`), in one place for docs/metrics.md.
    private enum Family {
        case packets, bytes, drops, flows, activeFlows, events, storeWriteSeconds, storeRows, captureUp, buildInfo

        var descriptor: MetricNameDescriptor {
            switch self {
            case .packets: Self.describe("packets", "total", "Packets captured.")
            case .bytes: Self.describe("bytes", "total", "Bytes captured (original length on the wire).")
            case .drops:
                Self.describe(
                    "drops", "total",
                    "Packets lost before decoding: kernel buffer full, interface/driver, or the sensor's queue.")
            case .flows: Self.describe("flows", "total", "Flows created since the sensor started.")
            case .activeFlows: Self.describe("active_flows", "", "Flows in the flow table now.")
            case .events: Self.describe("events", "total", "Protocol events decoded, by protocol and operation.")
            case .storeWriteSeconds:
                Self.describe("store_write", "seconds", "Duration of one store write transaction, seconds.")
            case .storeRows: Self.describe("store_rows", "total", "Rows written to the store, by table.")
            case .captureUp:
                Self.describe("capture", "up", "1 while the capture on the interface is open and reading, else 0.")
            case .buildInfo: Self.describe("build", "info", "Palisade build; the value is always 1.")
            }
        }

        private static func describe(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "palisade", metricName: name, unitName: unit, helpText: help)
        }
    }

    /// - Parameters:
    ///   - version: reported as `palisade_build_info{version="…"} 1`.
    ///   - registry: a fresh registry unless the caller shares one.
    public init(version: String, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        flowsTotal = registry.makeCounter(descriptor: Family.flows.descriptor)
        activeFlows = registry.makeGauge(descriptor: Family.activeFlows.descriptor)
        storeWriteSeconds = registry.makeValueHistogram(
            descriptor: Family.storeWriteSeconds.descriptor, buckets: Self.storeWriteBuckets)
        registry.makeGauge(descriptor: Family.buildInfo.descriptor, labels: [("version", version)]).set(to: 1)
    }

    // MARK: Capture

    /// Advances the interface's counters to these cumulative totals.
    ///
    /// - Parameters:
    ///   - packets, bytes: captured by the sensor on this interface since it opened.
    ///   - kernelDrops: `pcap_stats` `ps_drop` (no room in the kernel buffer).
    ///   - interfaceDrops: `pcap_stats` `ps_ifdrop` (dropped by the NIC or driver).
    ///   - queueDrops: packets the sensor itself dropped between capture and decoding.
    public func record(
        interface: String, packets: UInt64, bytes: UInt64, kernelDrops: UInt64, interfaceDrops: UInt64,
        queueDrops: UInt64
    ) {
        state.withLock { state in
            var series = state.interfaces[interface] ?? makeInterfaceSeries(interface)
            Self.advance(series.packets, from: series.last.packets, to: packets)
            Self.advance(series.bytes, from: series.last.bytes, to: bytes)
            Self.advance(series.kernelDrops, from: series.last.kernelDrops, to: kernelDrops)
            Self.advance(series.interfaceDrops, from: series.last.interfaceDrops, to: interfaceDrops)
            Self.advance(series.queueDrops, from: series.last.queueDrops, to: queueDrops)
            series.last = CaptureSnapshot(
                packets: packets, bytes: bytes, kernelDrops: kernelDrops, interfaceDrops: interfaceDrops,
                queueDrops: queueDrops)
            state.interfaces[interface] = series
        }
    }

    /// `palisade_capture_up{interface}`: 1 while the capture on `interface` is open and reading, 0
    /// after it failed or stopped. Snapshots do not change it: the sensor says when a capture opens
    /// and closes.
    public func setCaptureUp(interface: String, _ up: Bool) {
        state.withLock { state in
            let series = state.interfaces[interface] ?? makeInterfaceSeries(interface)
            series.captureUp.set(to: up ? 1 : 0)
            state.interfaces[interface] = series
        }
    }

    private func makeInterfaceSeries(_ interface: String) -> InterfaceSeries {
        func drops(_ reason: String) -> Counter {
            registry.makeCounter(
                descriptor: Family.drops.descriptor, labels: [("interface", interface), ("reason", reason)])
        }
        return InterfaceSeries(
            packets: registry.makeCounter(descriptor: Family.packets.descriptor, labels: [("interface", interface)]),
            bytes: registry.makeCounter(descriptor: Family.bytes.descriptor, labels: [("interface", interface)]),
            kernelDrops: drops("kernel"), interfaceDrops: drops("interface"), queueDrops: drops("queue"),
            captureUp: registry.makeGauge(descriptor: Family.captureUp.descriptor, labels: [("interface", interface)]))
    }

    // MARK: Flows

    /// - Parameters:
    ///   - total: flows created since the sensor started (cumulative).
    ///   - active: flows in the flow table now.
    public func recordFlows(total: UInt64, active: Int) {
        state.withLock { state in
            Self.advance(flowsTotal, from: state.lastFlowsTotal, to: total)
            state.lastFlowsTotal = total
        }
        activeFlows.set(to: Double(max(active, 0)))
    }

    // MARK: Events

    /// Adds `count` events of `protocolName` doing `operation` (a delta: events since the last call).
    ///
    /// `operation` is `Operation.name` from EventModel; the empty name of `.none` becomes `none`.
    public func recordEvents(protocol protocolName: String, operation: String, count: UInt64) {
        guard count > 0 else { return }
        state.withLock { state in
            let key = eventKey(protocolName, operation, in: state)
            var series = state.events[key] ?? EventSeries(counter: makeEventCounter(key))
            series.counter.increment(by: Self.clamped(count))
            series.lastTotal &+= count
            state.events[key] = series
        }
    }

    /// Advances the `(protocolName, operation)` series to a cumulative total, for a sensor that keeps
    /// running totals rather than deltas. Use one form per series, not both.
    public func recordEventTotal(protocol protocolName: String, operation: String, total: UInt64) {
        state.withLock { state in
            let key = eventKey(protocolName, operation, in: state)
            var series = state.events[key] ?? EventSeries(counter: makeEventCounter(key))
            Self.advance(series.counter, from: series.lastTotal, to: total)
            series.lastTotal = total
            state.events[key] = series
        }
    }

    private func eventKey(_ protocolName: String, _ operation: String, in state: State) -> EventKey {
        let key = EventKey(protocolName: protocolName, operation: operation.isEmpty ? "none" : operation)
        if state.events[key] == nil && state.events.count >= Self.maximumEventSeries {
            return EventKey(protocolName: "overflow", operation: "overflow")
        }
        return key
    }

    private func makeEventCounter(_ key: EventKey) -> Counter {
        registry.makeCounter(
            descriptor: Family.events.descriptor,
            labels: [("protocol", key.protocolName), ("operation", key.operation)])
    }

    // MARK: Store

    /// One store transaction: its duration goes into `palisade_store_write_seconds` and its rows into
    /// `palisade_store_rows_total{table}`. For a transaction that wrote several tables, call this
    /// once with the main table and `recordStoreRows` for the others.
    public func recordStoreWrite(seconds: Double, rows: Int, table: String) {
        if seconds.isFinite && seconds >= 0 { storeWriteSeconds.record(seconds) }
        recordStoreRows(table: table, rows: rows)
    }

    /// Adds `rows` rows written to `table` (a delta).
    public func recordStoreRows(table: String, rows: Int) {
        guard rows > 0 else { return }
        state.withLock { state in
            let counter =
                state.storeRows[table]
                ?? registry.makeCounter(descriptor: Family.storeRows.descriptor, labels: [("table", table)])
            state.storeRows[table] = counter
            counter.increment(by: Int64(rows))
        }
    }

    // MARK: Exposition

    /// Every series in the Prometheus text exposition format (version 0.0.4), UTF-8.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    private static func advance(_ counter: Counter, from last: UInt64, to now: UInt64) {
        let delta = now >= last ? now - last : now
        if delta > 0 { counter.increment(by: clamped(delta)) }
    }

    private static func clamped(_ value: UInt64) -> Int64 { Int64(clamping: value) }
}
