import AssetInventory
import Dispatch
import Monitor
import PacketCapture
import Storage
import Synchronization

/// `palisade import`: runs captures through the pipeline into a store. Idempotent by content
/// hash; deltas are committed about once a second while the capture is read, so a killed import
/// keeps what it committed and a re-run clears that share and starts the capture again.
public final class CaptureImporter {
    public enum Outcome: Sendable {
        case imported(path: String, packets: UInt64, events: UInt64, droppedEvents: UInt64, warnings: [String])
        case alreadyImported(path: String, source: IngestSource)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public let writer: StoreWriter
    public var workers: Int
    /// Threat rules (and the baseline) over the imported traffic; alerts go to the store when the
    /// import ends, judged with the inventory it produced.
    public var detection: StoreDetection?
    /// Wall-clock seconds between commits.
    public var flushInterval: Double = 1
    /// Packet time between interim flow reports while reading: the aggregated counts of a
    /// long-lived connection land in the minute of each report. Five minutes: every report
    /// rewrites the observation rows of every live flow, so more often costs import speed.
    public var checkpointInterval: Int64 = 5 * EventCountKey.bucketLength

    public init(writer: StoreWriter, workers: Int) {
        self.writer = writer
        self.workers = max(1, workers)
    }

    /// Imports one capture. `progress(fraction)` is called from the importing thread.
    public func importCapture(
        _ path: String, force: Bool = false, progress: ((Double) -> Void)? = nil
    ) throws -> Outcome {
        do {
            try CaptureAnalyzer.validate([path])
        } catch {
            throw Failure(path: path, reason: "\(error)")
        }
        // The full content hash is computed while the capture is read (it is needed only to
        // tell a re-import apart, and then at once).
        let (probe, size) = try CaptureHash.probe(ofFileAt: path)
        let fullHash = Handoff<Result<String, any Error>>()
        let hashed = DispatchSemaphore(value: 0)
        var hashStarted = false
        func startHashing() {
            guard !hashStarted else { return }
            hashStarted = true
            DispatchQueue.global().async {
                fullHash.value = Result { try CaptureHash.contentHash(ofFileAt: path).hash }
                hashed.signal()
            }
        }
        func waitForHash() throws -> String {
            startHashing()
            hashed.wait()
            hashed.signal()
            return try fullHash.value!.get()
        }
        let source: Int64
        let start = try writer.store.beginCapture(name: path, probe: probe, size: size, force: force) { algorithm in
            // A store from before BLAKE2b recorded SHA-256: computed for it here (rare, and only
            // when the cheap probe already matched).
            algorithm == .current ? try? waitForHash() : try? CaptureHash.contentHash(ofFileAt: path, algorithm).hash
        }
        switch start {
        case .alreadyImported(let existing): return .alreadyImported(path: path, source: existing)
        case .begin(let id): source = id
        }
        startHashing()

        let analyzer = CaptureAnalyzer(
            configuration: .feedingStore(checkpointInterval: checkpointInterval), workers: workers)
        let wake = DispatchSemaphore(value: 0)
        let feeds = (0..<workers).map { _ in
            let feed = StoreFeed(waitsWhenFull: true)
            feed.onFull = { wake.signal() }
            return feed
        }
        let collectors = detection?.makeObservers(workers: workers, origin: path) ?? []
        // Handed to the analyzer's thread, which gives each worker its own.
        let observers = Handoff<[any PacketPathObserver]>()
        observers.value =
            collectors.isEmpty ? feeds : (0..<workers).map { ObserverFanOut([feeds[$0], collectors[$0]]) }
        let bytesRead = ProgressCell()
        // The analyzer runs on its own threads; this thread commits what the feeds gathered.
        let done = DispatchSemaphore(value: 0)
        let analysis = Handoff<CaptureAnalyzer.Result>()
        DispatchQueue.global().async {
            analysis.value = analyzer.run(
                [path], observers: observers.value!,
                progress: { _, bytes in
                    bytesRead.value.store(bytes, ordering: .relaxed)
                })
            done.signal()
            wake.signal()  // the last commit goes at once, not at the next tick
        }
        var finished = false
        while !finished {
            // Commit every `flushInterval`, or at once when a worker waits on a full feed.
            _ = wake.wait(timeout: .now() + flushInterval)
            finished = done.wait(timeout: .now()) == .success
            if !finished, size > 0 {
                progress?(min(1, Double(bytesRead.value.load(ordering: .relaxed)) / Double(size)))
            }
            // One write per feed: merging the feeds' deltas copied every event of all but the
            // first (and a killed import is redone whole, whichever writes committed).
            var deltas = feeds.map { $0.take() }
            if finished, let result = analysis.value {
                deltas[0].packets = result.statistics.packets
                deltas[0].bytes = result.statistics.bytes
            }
            do {
                for delta in deltas { try writer.write(delta, to: source) }
            } catch {
                // Let the workers finish (dropping) so no thread is left waiting, then report.
                for feed in feeds { feed.stopWaiting() }
                if !finished { done.wait() }
                throw error
            }
        }
        progress?(1)
        try writer.rebuildInventory { inventory in
            detection?.update(inventory: inventory)
            try detection?.evaluate(store: writer.store, source: source)
        }
        try writer.store.completeCapture(source, contentHash: try waitForHash())
        let result = analysis.value ?? CaptureAnalyzer.Result()
        return .imported(
            path: path, packets: result.statistics.packets, events: writer.eventsWritten,
            droppedEvents: writer.eventsDropped, warnings: result.errors.map { "\($0)" })
    }
}

/// A value handed from a worker thread to the importer's, read after a semaphore says it is set.
final class Handoff<Value>: @unchecked Sendable {
    var value: Value?
}

/// Bytes read so far, written by worker 0 and read by the importer for the progress bar.
final class ProgressCell: Sendable {
    let value = Atomic<Int64>(0)
}
