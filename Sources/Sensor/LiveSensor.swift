import AssetInventory
import Dispatch
import Monitor
import PacketCapture
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// `palisade sensor`: live capture on one or more interfaces (receive only) into a store.
/// Each interface has its own capture, workers and feeds and writes into its own sensor source;
/// the calling thread is the single store writer: it commits every `flushInterval`, samples the
/// capture statistics every `statisticsInterval`, rebuilds the inventory when something changed,
/// and applies retention. `stop()` (from a signal handler) ends the captures; the last flush
/// happens before `run` returns.
public final class LiveSensor: @unchecked Sendable {
    public struct Interface {
        public let name: String
        public let capture: LiveCapture
        let analyzer: LiveAnalyzer
        let feeds: [StoreFeed]
        let source: Int64
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let configuration: SensorConfiguration
    public let writer: StoreWriter
    public private(set) var interfaces: [Interface] = []
    /// A log line (statistics, store errors); the CLI prints it to stderr.
    public var log: (String) -> Void = { _ in }
    /// Each statistics sample with the active flows per interface, for the metrics endpoint.
    public var onSamples: (([SensorSample], [Int]) -> Void)?
    /// Each delta before it is written (the metrics count events by protocol and operation).
    public var onDelta: ((StoreDelta) -> Void)?

    /// Opens every interface first: a missing interface or no permission to capture is reported
    /// before anything is written.
    public init(configuration: SensorConfiguration, writer: StoreWriter) throws {
        self.configuration = configuration
        self.writer = writer
        guard !configuration.interfaces.isEmpty else { throw Failure(description: "no interface given") }
        var monitor = MonitorConfiguration()
        monitor.collectEvents = true
        monitor.collectOnlyNotableEvents = true
        monitor.checkpointInterval = Int64(configuration.flushInterval / 2 * 1e9)
        monitor.countFunctions = true
        var captures: [LiveCapture] = []
        for name in configuration.interfaces {
            var options = LiveCapture.Options()
            options.snapLength = configuration.snapLength
            options.promiscuous = configuration.promiscuous
            options.filter = configuration.filter
            do {
                captures.append(try LiveCapture(interface: name, options: options))
            } catch {
                throw Failure(description: "\(name): \(error)")
            }
        }
        for capture in captures {
            let feeds = (0..<configuration.workers).map { _ in StoreFeed() }
            let analyzer = LiveAnalyzer(
                source: capture, workers: configuration.workers, configuration: monitor, observers: feeds)
            let source = try writer.store.sensorSource(interface: capture.interface)
            interfaces.append(
                Interface(name: capture.interface, capture: capture, analyzer: analyzer, feeds: feeds, source: source))
        }
    }

    /// Stops the captures (safe from a signal handler: it only breaks the capture loops).
    public func stop() {
        for interface in interfaces { interface.capture.stop() }
    }

    /// Captures until `stop()` or `until()` says so, then flushes everything and returns.
    public func run(until: @escaping @Sendable () -> Bool = { false }) {
        let group = DispatchGroup()
        let results = LockedResults(count: interfaces.count)
        var threads: [DedicatedThread] = []
        for (index, interface) in interfaces.enumerated() {
            let analyzer = UncheckedBox(interface.analyzer)
            group.enter()
            threads.append(
                DedicatedThread {
                    let result = analyzer.value.run(shouldStop: until)
                    results.set(index, result)
                    group.leave()
                })
        }
        var clock = Clock()
        var previous: [(packets: UInt64, bytes: UInt64, time: Double)] = interfaces.map { _ in (0, 0, clock.now) }
        var nextStatistics = clock.now + configuration.statisticsInterval
        var nextInventory = clock.now + configuration.inventoryInterval
        var nextRetention = clock.now
        while group.wait(timeout: .now() + configuration.flushInterval) == .timedOut {
            flush()
            let now = clock.now
            let due = now >= nextStatistics
            sample(&previous, now: now, record: due)
            if due { nextStatistics = now + configuration.statisticsInterval }
            if now >= nextInventory {
                rebuild()
                nextInventory = now + configuration.inventoryInterval
            }
            if now >= nextRetention {
                retain()
                nextRetention = now + 3600
            }
        }
        for thread in threads { thread.join() }
        // The analyzers finished their workers (every flow ended): the last of it goes in now.
        for (index, interface) in interfaces.enumerated() {
            if let error = results.get(index)?.error { log("palisade: \(interface.name): capture stopped: \(error)") }
        }
        flush()
        sample(&previous, now: clock.now, record: true)
        rebuild(force: true)
    }

    private func flush() {
        for interface in interfaces {
            var delta = StoreDelta()
            for feed in interface.feeds { delta.merge(feed.take()) }
            onDelta?(delta)
            do {
                try writer.write(delta, to: interface.source)
            } catch {
                log("palisade: store write failed, keeping the batch for the next attempt: \(error)")
            }
        }
    }

    private func rebuild(force: Bool = false) {
        do {
            try writer.rebuildInventory(force: force)
            for change in writer.lastFactChanges {
                log(
                    "palisade: \(change.assetID): \(change.key) changed from '\(change.oldValue)' to '\(change.newValue)'"
                )
            }
        } catch {
            log("palisade: inventory update failed: \(error)")
        }
    }

    private func retain() {
        do {
            let report = try writer.store.applyRetention(configuration.retention, now: wallClockNanoseconds())
            if report.eventsDeleted > 0 || report.samplesDeleted > 0 {
                log("palisade: retention removed \(report.eventsDeleted) events, \(report.samplesDeleted) samples")
            }
        } catch {
            log("palisade: retention failed: \(error)")
        }
    }

    /// Reads every interface's counters (for the metrics, at each flush); with `record`, also logs
    /// them and stores them, with rates over the time since the last recorded sample.
    private func sample(
        _ previous: inout [(packets: UInt64, bytes: UInt64, time: Double)], now: Double, record: Bool
    ) {
        var samples: [SensorSample] = []
        for (index, interface) in interfaces.enumerated() {
            let statistics = interface.capture.statistics()
            let packets = interface.analyzer.packetsRead.load(ordering: .relaxed)
            let bytes = interface.analyzer.bytesRead.load(ordering: .relaxed)
            let elapsed = max(now - previous[index].time, 0.001)
            let sample = SensorSample(
                time: wallClockNanoseconds(), interface: interface.name, received: statistics.received,
                kernelDrops: statistics.droppedByKernel, interfaceDrops: statistics.droppedByInterface,
                queueDrops: interface.analyzer.queueDrops.load(ordering: .relaxed), packets: packets, bytes: bytes,
                packetsPerSecond: Double(packets &- previous[index].packets) / elapsed,
                bitsPerSecond: Double(bytes &- previous[index].bytes) * 8 / elapsed,
                flows: interface.feeds.reduce(0) { $0 &+ $1.flows }, events: writer.eventsWritten,
                storeDrops: writer.eventsDropped)
            samples.append(sample)
            guard record else { continue }
            previous[index] = (packets, bytes, now)
            log(
                "palisade: \(sample.interface): \(sample.packets) packets (\(Int(sample.packetsPerSecond)) pps), received \(sample.received), kernel drops \(sample.kernelDrops), interface drops \(sample.interfaceDrops), queue drops \(sample.queueDrops), flows \(sample.flows), events stored \(sample.events)"
            )
        }
        onSamples?(samples, interfaces.map { $0.analyzer.activeFlows })
        guard record else { return }
        do {
            try writer.store.recordSensorSamples(samples)
        } catch {
            log("palisade: could not store statistics: \(error)")
        }
    }
}

/// Monotonic seconds.
struct Clock {
    var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

func wallClockNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

final class LockedResults: @unchecked Sendable {
    private var results: [LiveAnalyzer.Result?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: LiveAnalyzer.Result) {
        lock.wait()
        results[index] = result
        lock.signal()
    }
    func get(_ index: Int) -> LiveAnalyzer.Result? {
        lock.wait()
        defer { lock.signal() }
        return results[index]
    }
}

struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
