import BinaryParsing
import Dispatch
import EventModel
import PacketCapture
import PacketLayers
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Live capture on N workers: one reader thread takes packets from libpcap, finds each packet's
/// shard (the same symmetric hash as for files; new pairs go to the worker given the fewest
/// packets, `ShardBalancer`) and copies it into that worker's batch; workers run the same
/// `PacketProcessor` as for files. Queues are bounded: a worker that falls behind makes the
/// reader drop whole batches, and every dropped packet is counted (`queueDrops`), never hidden.
public final class LiveAnalyzer: @unchecked Sendable {
    public struct Result: Sendable {
        public var statistics = CaptureStatistics()
        public var packetsRead: UInt64 = 0
        public var queueDrops: UInt64 = 0
        public var error: CaptureError?
    }

    final class Batch {
        var bytes: [UInt8] = []
        var records:
            [(offset: Int, length: Int, timestamp: Int64, originalLength: Int, linkType: LinkType, frame: UInt64)] = []
        init() {
            bytes.reserveCapacity(256 * 1024)
            records.reserveCapacity(Self.packets)
        }
        static let packets = 256
        var isFull: Bool { records.count >= Self.packets || bytes.count >= 240 * 1024 }
        func reset() {
            bytes.removeAll(keepingCapacity: true)
            records.removeAll(keepingCapacity: true)
        }
    }

    /// A bounded hand-off from the reader to one worker.
    final class WorkerQueue: @unchecked Sendable {
        private var mutex = pthread_mutex_t()
        private var ready: [Batch] = []
        private var spare: [Batch] = []
        private(set) var finished = false
        let signal = DispatchSemaphore(value: 0)
        static let maximumBatches = 64

        init() { pthread_mutex_init(&mutex, nil) }
        deinit { pthread_mutex_destroy(&mutex) }

        /// Queues a batch; false (and the batch recycled) when the worker is too far behind.
        func push(_ batch: Batch) -> Bool {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            guard ready.count < Self.maximumBatches else {
                batch.reset()
                spare.append(batch)
                return false
            }
            ready.append(batch)
            signal.signal()
            return true
        }

        func pop() -> Batch? {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            return ready.isEmpty ? nil : ready.removeFirst()
        }

        func recycle(_ batch: Batch) {
            batch.reset()
            pthread_mutex_lock(&mutex)
            spare.append(batch)
            pthread_mutex_unlock(&mutex)
        }

        func freshBatch() -> Batch {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            return spare.popLast() ?? Batch()
        }

        func finish() {
            pthread_mutex_lock(&mutex)
            finished = true
            pthread_mutex_unlock(&mutex)
            signal.signal()
        }
    }

    public let source: LiveCapture
    public let workers: Int
    public let configuration: MonitorConfiguration
    private let registry: ProtocolRegistry
    private let observers: [any PacketPathObserver]
    /// Running totals, readable from any thread while the capture goes on (sensor statistics).
    public let packetsRead = Atomic<UInt64>(0)
    public let bytesRead = Atomic<UInt64>(0)
    public let queueDrops = Atomic<UInt64>(0)
    /// Flows in the workers' tables, as of each worker's last checkpoint.
    public var activeFlows: Int { flowGauges.reduce(0) { $0 + $1.value.load(ordering: .relaxed) } }
    private let flowGauges: [FlowGauge]

    final class FlowGauge: Sendable {
        let value = Atomic<Int>(0)
    }

    /// `observers`, when given, holds one observer per worker, fed on that worker's thread.
    /// With `configuration.checkpointInterval` set, an idle worker also reports its live flows and
    /// flushes its events after that much wall-clock time, so nothing waits for the next packet.
    public init(
        source: LiveCapture, workers: Int, configuration: MonitorConfiguration = MonitorConfiguration(),
        registrations: [ProtocolRegistration] = ProtocolCatalog.standard, observers: [any PacketPathObserver] = []
    ) {
        self.source = source
        self.workers = max(1, workers)
        self.configuration = configuration
        self.registry = ProtocolRegistry(registrations)
        precondition(observers.isEmpty || observers.count == self.workers, "one observer per worker")
        self.observers = observers
        self.flowGauges = (0..<max(1, workers)).map { _ in FlowGauge() }
    }

    /// Captures until `shouldStop` says so (checked at every packet and every read timeout), the
    /// source ends, or `maximumPackets` were read.
    public func run(maximumPackets: UInt64? = nil, shouldStop: () -> Bool) -> Result {
        var result = Result()
        let queues = (0..<workers).map { _ in WorkerQueue() }
        let processors = (0..<workers).map {
            PacketProcessor(configuration: configuration, registry: registry, shardIndex: $0, shardCount: workers)
        }
        let balancer = ShardBalancer(workers: workers)
        for (processor, observer) in zip(processors, observers) { processor.observer = observer }
        let idleCheckpoint = Double(configuration.checkpointInterval) / 1e9
        var threads: [DedicatedThread] = []
        for index in 0..<workers {
            let queue = queues[index]
            let processor = UncheckedBox(processors[index])
            let gauge = flowGauges[index]
            threads.append(
                DedicatedThread {
                    Self.work(queue: queue, processor: processor.value, idleCheckpoint: idleCheckpoint, gauge: gauge)
                })
        }

        var packet = DecodedPacket()
        var batches = queues.map { $0.freshBatch() }
        var frame: UInt64 = 0
        // Partial batches go to the workers at read timeouts and, under steady light traffic
        // (where libpcap returns a packet before every timeout), every `handOverInterval` of
        // packet time: a quiet network's events must not wait for a batch to fill.
        let handOverInterval: Int64 = 100_000_000
        var lastHandOver = Int64.min
        func flush(_ index: Int) {
            guard !batches[index].records.isEmpty else { return }
            let count = UInt64(batches[index].records.count)
            if !queues[index].push(batches[index]) {
                result.queueDrops &+= count
                queueDrops.add(count, ordering: .relaxed)
            }
            batches[index] = queues[index].freshBatch()
        }
        reading: while !shouldStop() {
            if let maximumPackets, frame >= maximumPackets { break }
            switch source.next() {
            case .packet(let record):
                if record.interfaceID < 0 {  // read timeout: hand partial batches over
                    for index in 0..<workers { flush(index) }
                    continue
                }
                if lastHandOver == .min {
                    lastHandOver = record.timestamp
                } else if record.timestamp &- lastHandOver >= handOverInterval {
                    for index in 0..<workers { flush(index) }
                    lastHandOver = record.timestamp
                }
                frame &+= 1
                packetsRead.add(1, ordering: .relaxed)
                bytesRead.add(UInt64(record.originalLength), ordering: .relaxed)
                var shard = 0
                if workers > 1 {
                    let hash =
                        PacketProcessor.quickShardHash(record.bytes, linkType: record.linkType.rawValue)
                        ?? {
                            LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
                            return withUnsafePointer(to: &packet) { PacketProcessor.shardHash(of: $0) }
                        }()
                    shard = balancer.owner(of: hash)
                }
                let batch = batches[shard]
                let offset = batch.bytes.count
                record.bytes.withUnsafeBytes { batch.bytes.append(contentsOf: $0) }
                batch.records.append(
                    (offset, record.bytes.count, record.timestamp, record.originalLength, record.linkType, frame))
                if batch.isFull { flush(shard) }
            case .end:
                break reading
            case .failed(let error):
                result.error = error
                break reading
            }
        }
        for index in 0..<workers { flush(index) }
        for queue in queues { queue.finish() }
        for thread in threads { thread.join() }
        result.packetsRead = frame
        for processor in processors { result.statistics.merge(processor.statistics) }
        return result
    }

    private static func work(
        queue: WorkerQueue, processor: PacketProcessor, idleCheckpoint: Double, gauge: FlowGauge
    ) {
        var lastCheckpoint = DispatchTime.now().uptimeNanoseconds
        while true {
            if idleCheckpoint > 0 {
                if queue.signal.wait(timeout: .now() + min(idleCheckpoint, 0.5)) == .timedOut {
                    let now = DispatchTime.now().uptimeNanoseconds
                    if Double(now &- lastCheckpoint) / 1e9 >= idleCheckpoint {
                        processor.checkpoint()
                        gauge.value.store(processor.liveFlows, ordering: .relaxed)
                        lastCheckpoint = now
                    }
                    continue
                }
                let now = DispatchTime.now().uptimeNanoseconds
                if Double(now &- lastCheckpoint) / 1e9 >= idleCheckpoint {
                    processor.checkpoint()
                    gauge.value.store(processor.liveFlows, ordering: .relaxed)
                    lastCheckpoint = now
                }
            } else {
                queue.signal.wait()
            }
            while let batch = queue.pop() {
                batch.bytes.withUnsafeBytes { raw in
                    let base = ByteView(raw)
                    for record in batch.records {
                        let view = base.slice(from: record.offset, count: record.length) ?? .empty
                        processor.process(
                            PacketRecord(
                                timestamp: record.timestamp, originalLength: record.originalLength,
                                linkType: record.linkType, bytes: view),
                            frame: record.frame)
                    }
                }
                queue.recycle(batch)
            }
            if queue.finished && queue.pop() == nil {
                processor.finish()
                return
            }
        }
    }
}

/// Hands a non-Sendable object to exactly one other thread (the worker that owns it from then on).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
