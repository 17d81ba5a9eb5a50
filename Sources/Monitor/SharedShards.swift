import Synchronization

/// Which file worker owns each address pair, decided while the workers run so that a worker on a
/// slower core is given less.
///
/// Every file worker reads the whole capture and keeps only its own pairs (`CaptureAnalyzer`).
/// A fixed split cannot follow the machine: on the 2-vCPU benchmark VM one worker's core was often
/// 20% slower than the other's, and the whole run waited 0.3–0.9 s for it. Here the shard hash
/// picks one of 2^14 buckets whose owner is claimed (compare-and-swap, once) by the first worker
/// to meet it. That worker is the one furthest into the capture, so it is the faster one: it
/// takes the bucket itself when it leads the slowest worker by more than `leadThreshold` packets
/// and owns no more than 1.5× its fair share of the packets it has read; otherwise the bucket goes
/// to the worker owning the smallest share so far. A bucket keeps its owner for the whole run, so
/// a pair's flows and fragments stay on one worker; the merged result does not depend on the split.
///
/// Why this is safe: workers read the same packets in the same order, so any worker past a
/// packet has met its bucket and claimed it; an unclaimed bucket can only be given to a worker
/// that has not yet reached that packet, which will then process it.
public final class SharedShards: @unchecked Sendable {
    /// 2^14 one-byte owners: 16 KiB, half of this machine's 32 KiB level-1 data cache (with 2^16
    /// two-byte owners, 128 KiB, the load of the owner stalled: 15% of the read loop's own samples
    /// on the instruction after it). Fewer buckets cost balance instead: with 2^12, the pairs
    /// that appear late in a capture mostly fell into buckets claimed early, the split stopped
    /// following the workers' speed, and one worker ran on alone for up to 0.8 s (bench/README,
    /// session 15).
    static let bucketBits = 14

    /// Owners are stored as worker + 1 in one byte.
    public static let maximumWorkers = Int(UInt8.max)

    /// The bucket of a shard hash (its top bits), for `ShardPicker` and the live `ShardBalancer`.
    @inline(__always)
    static func bucket(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> (64 - bucketBits))
    }

    /// A lead of ~10 ms of reading: more than the jitter of read batches and buffer refills.
    static let leadThreshold = 32_768

    public let workers: Int
    /// Per bucket: 0 until claimed, then the owning worker + 1.
    let owners: UnsafeMutablePointer<Atomic<UInt8>>
    /// Per worker, on a cache line of its own: packets read and packets owned so far (published
    /// every few packets, read only by claims).
    private let progress: UnsafeMutableRawPointer
    private static let lineSize = 64

    /// `workers` is clamped to 1...`maximumWorkers`.
    public init(workers: Int) {
        self.workers = min(max(1, workers), Self.maximumWorkers)
        owners = .allocate(capacity: 1 << Self.bucketBits)
        for bucket in 0..<(1 << Self.bucketBits) { (owners + bucket).initialize(to: Atomic(0)) }
        progress = .allocate(byteCount: Self.lineSize * self.workers, alignment: Self.lineSize)
        for worker in 0..<self.workers {
            let line = (progress + worker * Self.lineSize).bindMemory(to: Atomic<Int>.self, capacity: 2)
            line.initialize(to: Atomic(0))
            (line + 1).initialize(to: Atomic(0))
        }
    }

    deinit {
        owners.deinitialize(count: 1 << Self.bucketBits)
        owners.deallocate()
        progress.deallocate()
    }

    /// `worker`'s published counters: packets read, then packets owned.
    func progressLine(_ worker: Int) -> UnsafeMutablePointer<Atomic<Int>> {
        (progress + worker * Self.lineSize).assumingMemoryBound(to: Atomic<Int>.self)
    }

    /// Claims an unclaimed bucket met by `finder` (which has read `read` packets and owns
    /// `owned`); returns the owner + 1, the finder's choice or another claimant's.
    @inline(never)
    func claim(bucket: Int, finder: Int, read: Int, owned: Int) -> Int {
        var slowest = Int.max
        var best = finder
        var bestShare = Double(owned) / Double(max(read, 1))
        for worker in 0..<workers where worker != finder {
            let line = progressLine(worker)
            let otherRead = line[0].load(ordering: .relaxed)
            let otherOwned = line[1].load(ordering: .relaxed)
            slowest = min(slowest, otherRead)
            let share = Double(otherOwned) / Double(max(otherRead, 1))
            if share < bestShare || (share == bestShare && worker < best) {
                best = worker
                bestShare = share
            }
        }
        let leads = slowest != .max && read - slowest > Self.leadThreshold
        let withinShare = owned * workers * 2 <= read * 3
        let choice = leads && withinShare ? finder : best
        let desired = UInt8(truncatingIfNeeded: choice + 1)
        let (exchanged, original) = owners[bucket].compareExchange(
            expected: 0, desired: desired, ordering: .relaxed)
        return Int(exchanged ? desired : original)
    }
}

/// One worker's side of `SharedShards`: says whether each packet (by its shard hash) is the
/// worker's own, counting what it read and owned.
final class ShardPicker {
    let shards: SharedShards
    let worker: Int
    /// The shared table and this worker's counters, reached without reference counting (holding
    /// `shards` keeps them alive): a retain and release of `shards` per packet was 1% of a run.
    private let owners: UnsafeMutablePointer<Atomic<UInt8>>
    private let published: UnsafeMutablePointer<Atomic<Int>>
    /// read, owned (raw storage: no exclusivity or uniqueness checks on the packet path).
    private let counts: UnsafeMutablePointer<Int>

    init(shards: SharedShards, worker: Int) {
        self.shards = shards
        self.worker = worker
        owners = shards.owners
        published = shards.progressLine(worker)
        counts = .allocate(capacity: 2)
        counts.initialize(repeating: 0, count: 2)
    }

    deinit { counts.deallocate() }

    /// Whether the packet with shard hash `hash` is this worker's; call once for every packet
    /// read, in order.
    @inline(__always)
    func isOwn(_ hash: UInt64) -> Bool {
        let read = counts[0] &+ 1
        counts[0] = read
        let bucket = SharedShards.bucket(of: hash)
        var owner = Int(owners[bucket].load(ordering: .relaxed))
        if owner == 0 { owner = claim(bucket) }
        let own = owner - 1 == worker
        if own { counts[1] &+= 1 }
        if read & 63 == 0 {
            published[0].store(read, ordering: .relaxed)
            published[1].store(counts[1], ordering: .relaxed)
        }
        return own
    }

    @inline(never)
    private func claim(_ bucket: Int) -> Int {
        shards.claim(bucket: bucket, finder: worker, read: counts[0], owned: counts[1])
    }

    /// Packets read and owned so far.
    var read: Int { counts[0] }
    var owned: Int { counts[1] }
}
