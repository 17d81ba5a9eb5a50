import AssetInventory
import Dispatch
import Monitor
import PacketCapture
import Storage
import Synchronization

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
    /// One monitored interface: its capture and analyzer (replaced when the interface comes back
    /// after it disappeared), its feeds and its store source, and the counters of earlier
    /// captures so that the statistics stay cumulative.
    public final class Interface: @unchecked Sendable {
        public let name: String
        let feeds: [StoreFeed]
        /// What each worker reports to: its feed, and its detection collector when detection is on.
        let observers: [any PacketPathObserver]
        let source: Int64
        private let lock = DispatchSemaphore(value: 1)
        private var currentCapture: LiveCapture
        private var currentAnalyzer: LiveAnalyzer
        private var earlier = (packets: UInt64(0), bytes: UInt64(0), queueDrops: UInt64(0))
        private var earlierKernel = LiveCapture.Statistics()
        /// Times the capture was reopened after the interface went away.
        public private(set) var reopenings = 0

        init(
            name: String, capture: LiveCapture, analyzer: LiveAnalyzer, feeds: [StoreFeed],
            observers: [any PacketPathObserver], source: Int64
        ) {
            self.name = name
            self.currentCapture = capture
            self.currentAnalyzer = analyzer
            self.feeds = feeds
            self.observers = observers
            self.source = source
        }

        var capture: LiveCapture {
            lock.wait()
            defer { lock.signal() }
            return currentCapture
        }

        var analyzer: LiveAnalyzer {
            lock.wait()
            defer { lock.signal() }
            return currentAnalyzer
        }

        /// Cumulative counters over every capture of this interface.
        var counters:
            (packets: UInt64, bytes: UInt64, queueDrops: UInt64, kernel: LiveCapture.Statistics, activeFlows: Int)
        {
            lock.wait()
            defer { lock.signal() }
            let statistics = currentCapture.statistics()
            var kernel = earlierKernel
            kernel.received &+= statistics.received
            kernel.droppedByKernel &+= statistics.droppedByKernel
            kernel.droppedByInterface &+= statistics.droppedByInterface
            return (
                earlier.packets &+ currentAnalyzer.packetsRead.load(ordering: .relaxed),
                earlier.bytes &+ currentAnalyzer.bytesRead.load(ordering: .relaxed),
                earlier.queueDrops &+ currentAnalyzer.queueDrops.load(ordering: .relaxed), kernel,
                currentAnalyzer.activeFlows
            )
        }

        /// Swaps in a reopened capture; the finished analyzer's counters become history.
        func replace(capture: LiveCapture, analyzer: LiveAnalyzer) {
            lock.wait()
            defer { lock.signal() }
            let statistics = currentCapture.statistics()
            earlierKernel.received &+= statistics.received
            earlierKernel.droppedByKernel &+= statistics.droppedByKernel
            earlierKernel.droppedByInterface &+= statistics.droppedByInterface
            earlier.packets &+= currentAnalyzer.packetsRead.load(ordering: .relaxed)
            earlier.bytes &+= currentAnalyzer.bytesRead.load(ordering: .relaxed)
            earlier.queueDrops &+= currentAnalyzer.queueDrops.load(ordering: .relaxed)
            currentCapture = capture
            currentAnalyzer = analyzer
            reopenings += 1
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let configuration: SensorConfiguration
    public let writer: StoreWriter
    /// Threat rules and the baseline on the live traffic (nil: inventory only).
    public let detection: StoreDetection?
    public private(set) var interfaces: [Interface] = []
    /// A log line (statistics, store errors); the CLI prints it to stderr.
    public var log: (String) -> Void = { _ in }
    /// Each statistics sample with the active flows per interface, for the metrics endpoint.
    public var onSamples: (([SensorSample], [Int]) -> Void)?
    /// Each delta before it is written (the metrics count events by protocol and operation).
    public var onDelta: ((StoreDelta) -> Void)?
    /// Seconds between attempts to reopen an interface that went away.
    public var reopenInterval = 2.0
    private let monitor: MonitorConfiguration
    private let stopping = Atomic<Bool>(false)
    /// An identity fact changed value since the last assessment (a firmware update): assess now.
    private var identityChanged = false

    /// Opens every interface first: a missing interface or no permission to capture is reported
    /// before anything is written.
    public init(configuration: SensorConfiguration, writer: StoreWriter, detection: StoreDetection? = nil) throws {
        self.configuration = configuration
        self.writer = writer
        self.detection = detection
        guard !configuration.interfaces.isEmpty else { throw Failure(description: "no interface given") }
        self.monitor = .feedingStore(checkpointInterval: Int64(configuration.flushInterval / 2 * 1e9))
        var captures: [LiveCapture] = []
        for name in configuration.interfaces {
            do {
                captures.append(try Self.open(name, configuration))
            } catch {
                throw Failure(description: "\(name): \(error)")
            }
        }
        for capture in captures {
            let feeds = (0..<configuration.workers).map { _ in StoreFeed() }
            let collectors =
                detection?.makeObservers(workers: configuration.workers, origin: "sensor:\(capture.interface)") ?? []
            let observers: [any PacketPathObserver] =
                collectors.isEmpty
                ? feeds : (0..<configuration.workers).map { ObserverFanOut([feeds[$0], collectors[$0]]) }
            let analyzer = LiveAnalyzer(
                source: capture, workers: configuration.workers, configuration: monitor, observers: observers)
            let source = try writer.store.sensorSource(interface: capture.interface)
            interfaces.append(
                Interface(
                    name: capture.interface, capture: capture, analyzer: analyzer, feeds: feeds, observers: observers,
                    source: source))
        }
    }

    static func open(_ name: String, _ configuration: SensorConfiguration) throws(CaptureError) -> LiveCapture {
        var options = LiveCapture.Options()
        options.snapLength = configuration.snapLength
        options.promiscuous = configuration.promiscuous
        options.filter = configuration.filter
        return try LiveCapture(interface: name, options: options)
    }

    /// Stops the captures (safe from a signal handler: it only sets a flag and breaks the
    /// capture loops).
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        for interface in interfaces { interface.capture.stop() }
    }

    /// Runs one interface's captures until the sensor stops: when the interface goes away (a
    /// link reset, a re-plugged virtual NIC) it is reopened every `reopenInterval` seconds and
    /// capture goes on into the same source with the same feeds.
    private func capture(_ interface: Interface, until: @escaping @Sendable () -> Bool) {
        while true {
            let result = interface.analyzer.run(shouldStop: until)
            let stopped = stopping.load(ordering: .relaxed) || until()
            if let error = result.error, !stopped {
                log("palisade: \(interface.name): capture stopped (\(error)); reopening every \(reopenInterval) s")
            } else {
                return
            }
            while true {
                let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(reopenInterval * 1e9)
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    if stopping.load(ordering: .relaxed) || until() { return }
                    usleep(100_000)
                }
                guard let capture = try? Self.open(interface.name, configuration) else { continue }
                let analyzer = LiveAnalyzer(
                    source: capture, workers: configuration.workers, configuration: monitor,
                    observers: interface.observers)
                interface.replace(capture: capture, analyzer: analyzer)
                log("palisade: \(interface.name): capture reopened")
                break
            }
        }
    }

    /// Captures until `stop()` or `until()` says so, then flushes everything and returns.
    public func run(until: @escaping @Sendable () -> Bool = { false }) {
        // Roles of the assets known from earlier runs, before the first alert is judged.
        if detection != nil { rebuild(force: true) }
        let group = DispatchGroup()
        var threads: [DedicatedThread] = []
        for interface in interfaces {
            group.enter()
            threads.append(
                DedicatedThread { [self] in
                    capture(interface, until: until)
                    group.leave()
                })
        }
        let start = monotonicNow()
        var previous: [(packets: UInt64, bytes: UInt64, time: Double)] = interfaces.map { _ in (0, 0, start) }
        var nextStatistics = start + configuration.statisticsInterval
        var nextInventory = start + configuration.inventoryInterval
        var nextRetention = start
        var nextAssessment = start + configuration.assessmentInterval
        while group.wait(timeout: .now() + configuration.flushInterval) == .timedOut {
            flush()
            let now = monotonicNow()
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
            if now >= nextAssessment || identityChanged {
                identityChanged = false
                assess()
                nextAssessment = now + configuration.assessmentInterval
            }
        }
        for thread in threads { thread.join() }
        // The analyzers finished their workers (every flow ended): the last of it goes in now.
        flush()
        sample(&previous, now: monotonicNow(), record: true)
        rebuild(force: true)
        assess()
    }

    /// Matches the inventory to the imported advisories and scores risk; nothing to do until
    /// advisories are imported (`palisade vulns import`).
    private func assess() {
        identityChanged = false
        do {
            guard try writer.store.advisoryCount() > 0 else { return }
            let summary = try StoreAssessment.run(
                store: writer.store, zoneOf: configuration.zonePolicy?.addressZoneLookup)
            log(
                "palisade: vulnerabilities: \(summary.affectedAssets) assets affected, \(summary.possibleAssets) possibly, over \(summary.advisories) advisories"
            )
        } catch {
            log("palisade: vulnerability assessment failed: \(error)")
        }
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
        guard let detection else { return }
        do {
            for alert in try detection.evaluate(store: writer.store, source: interfaces[0].source) {
                log("palisade: alert \(alert.severity.name) \(alert.rule): \(alert.summary)")
            }
        } catch {
            log("palisade: alerts could not be stored: \(error)")
        }
    }

    private func rebuild(force: Bool = false) {
        do {
            guard let inventory = try writer.rebuildInventory(force: force) else { return }
            detection?.update(inventory: inventory)
            if !writer.lastFactChanges.isEmpty { identityChanged = true }
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
            let report = try writer.store.applyRetention(configuration.retention, now: WallClock.nanoseconds())
            if report.eventsDeleted > 0 || report.samplesDeleted > 0 || report.sessionsDeleted > 0 {
                log(
                    "palisade: retention removed \(report.eventsDeleted) events, \(report.sessionsDeleted) remote-access sessions, \(report.samplesDeleted) samples"
                )
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
            let counters = interface.counters
            let packets = counters.packets
            let bytes = counters.bytes
            let elapsed = max(now - previous[index].time, 0.001)
            let sample = SensorSample(
                time: WallClock.nanoseconds(), interface: interface.name, received: counters.kernel.received,
                kernelDrops: counters.kernel.droppedByKernel, interfaceDrops: counters.kernel.droppedByInterface,
                queueDrops: counters.queueDrops, packets: packets, bytes: bytes,
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
        onSamples?(samples, interfaces.map { $0.counters.activeFlows })
        guard record else { return }
        do {
            try writer.store.recordSensorSamples(samples)
        } catch {
            log("palisade: could not store statistics: \(error)")
        }
    }
}

/// Monotonic seconds (intervals of the flush loop).
private func monotonicNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
