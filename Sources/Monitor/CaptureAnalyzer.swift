import BinaryParsing
import Dispatch
import EventModel
import PacketCapture

/// Runs captures through the packet path on N workers and merges what they found.
///
/// Each worker reads the file itself (the page cache serves the second read) and processes only
/// the packets of its shard: address pairs (by a symmetric hash) are claimed for a worker when
/// first met, the faster worker taking more (`SharedShards`, the one thing workers share). They
/// need no queues, and the merged result is the same for any N and any split. Frame numbers
/// restart with each file.
public struct CaptureAnalyzer: Sendable {
    public struct Result: Sendable {
        public var statistics = CaptureStatistics()
        public var flows: [FlowSummary] = []
        /// Problems that stopped reading a file early (everything before them was analyzed).
        public var errors: [CaptureError] = []
        /// Counted, non-fatal problems met by the capture readers.
        public var readerAnomalies = AnomalyCounter()
        public var files: [String] = []
        public init() {}
    }

    public var configuration: MonitorConfiguration
    public var workers: Int
    public var registrations: [ProtocolRegistration]

    public init(
        configuration: MonitorConfiguration = MonitorConfiguration(), workers: Int = 1,
        registrations: [ProtocolRegistration] = ProtocolCatalog.standard
    ) {
        self.configuration = configuration
        self.workers = max(1, workers)
        self.registrations = registrations
    }

    /// Opens every file first, so that a missing or unreadable one is reported before any work.
    public static func validate(_ paths: [String]) throws(CaptureError) {
        for path in paths { _ = try CaptureFileReader(path: path) }
    }

    /// Packets read per call to the reader (all stay valid until the next call).
    static let readBatch = 32

    /// Analyzes `paths`. `onEvents(worker, batch)` sees each worker's event batches in that
    /// worker's frame order (serialised: never called concurrently). `progress(bytes)` is called
    /// from worker 0 now and then with the bytes read of the current file.
    /// `observers`, when given, holds one observer per worker (`workers` of them): each is fed on
    /// its worker's thread only, without locks.
    public func run(
        _ paths: [String], observers: [any PacketPathObserver] = [],
        onEvents: (@Sendable (Int, EventBatch) -> Void)? = nil,
        progress: (@Sendable (Int, Int64) -> Void)? = nil
    ) -> Result {
        precondition(observers.isEmpty || observers.count == workers, "one observer per worker")
        let registry = ProtocolRegistry(registrations)
        let count = workers
        let outputs = WorkerOutputs(count: count)
        let lock = DispatchSemaphore(value: 1)
        let observerBox = ObserverBox(observers)
        let shards = count > 1 ? SharedShards(workers: count) : nil
        runOnDedicatedThreads(count) { worker in
            let processor = PacketProcessor(
                configuration: configuration, registry: registry, shardIndex: worker, shardCount: count, shards: shards)
            if !observerBox.observers.isEmpty { processor.observer = observerBox.observers[worker] }
            if let onEvents {
                processor.onEventBatch = { batch in
                    lock.wait()
                    onEvents(worker, batch)
                    lock.signal()
                }
            }
            var result = Result()
            let batch = UnsafeMutablePointer<PacketRecord>.allocate(capacity: Self.readBatch)
            defer { batch.deallocate() }
            for (fileIndex, path) in paths.enumerated() {
                let reader: CaptureFileReader
                do {
                    reader = try CaptureFileReader(path: path)
                } catch let error as CaptureError {
                    if worker == 0 { result.errors.append(error) }
                    continue
                } catch {
                    continue
                }
                result.files.append(path)
                if let observer = processor.observer {
                    // Events carry frame numbers that restart with each file: hand over the
                    // previous file's before the observer learns which file follows.
                    processor.flushEvents()
                    observer.captureFileStarted(path)
                }
                var frame: UInt64 = 0
                while case let count = reader.nextPackets(into: batch, capacity: Self.readBatch), count > 0 {
                    let before = frame
                    for index in 0..<count {
                        frame &+= 1
                        processor.process(batch[index], frame: frame)
                    }
                    if worker == 0, frame >> 16 != before >> 16 { progress?(fileIndex, reader.offset) }
                }
                if worker == 0, let error = reader.error { result.errors.append(error) }
                if worker == 0 {
                    result.readerAnomalies.merge(reader.anomalies)
                    progress?(fileIndex, reader.offset)
                }
            }
            processor.finish()
            result.statistics = processor.statistics
            result.flows = processor.flowSummaries
            outputs.store(result, at: worker)
        }
        var merged = Result()
        var tookFirstPart = false
        for (index, part) in outputs.results.enumerated() {
            guard let part else { continue }
            // The first part is taken whole: merging it into empty tables would copy it entry by entry.
            if !tookFirstPart {
                tookFirstPart = true
                merged.statistics = part.statistics
                merged.flows = part.flows
            } else {
                merged.statistics.merge(part.statistics)
                merged.flows += part.flows
            }
            if index == 0 {
                merged.errors = part.errors
                merged.readerAnomalies = part.readerAnomalies
                merged.files = part.files
            }
        }
        merged.statistics.anomalies.merge(merged.readerAnomalies)
        merged.flows.sort { ($0.entry.firstFrame, $0.entry.firstSeen) < ($1.entry.firstFrame, $1.entry.firstSeen) }
        return merged
    }
}

/// Hands each worker its own observer; no observer is touched by two threads.
private final class ObserverBox: @unchecked Sendable {
    let observers: [any PacketPathObserver]
    init(_ observers: [any PacketPathObserver]) { self.observers = observers }
}

/// Results written by workers into their own slot.
final class WorkerOutputs: @unchecked Sendable {
    private(set) var results: [CaptureAnalyzer.Result?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func store(_ result: CaptureAnalyzer.Result, at index: Int) {
        lock.wait()
        results[index] = result
        lock.signal()
    }
}
