/// The live dispatcher's choice of worker for each address pair, balancing packets between them.
///
/// A fixed hash split (`hash % workers`) leaves a plant's few heavy pairs (a PLC and its HMI, a
/// drive ring) to chance. Here the shard hash picks one of 2^14 buckets, and a bucket seen for the
/// first time goes to the worker that has been given the fewest packets so far; it keeps that
/// owner for the rest of the run, so a pair's flows and fragments stay on one worker. One thread
/// (the dispatcher) uses it; file workers share a `SharedShards` instead.
final class ShardBalancer {
    let workers: Int
    /// Per bucket: 0 until first seen, then the owning worker + 1.
    private let owners: UnsafeMutablePointer<UInt8>
    /// Packets given to each worker so far.
    private let loads: UnsafeMutablePointer<UInt64>

    /// `workers` is clamped to 1...`SharedShards.maximumWorkers`.
    init(workers: Int) {
        self.workers = min(max(1, workers), SharedShards.maximumWorkers)
        owners = .allocate(capacity: 1 << SharedShards.bucketBits)
        owners.initialize(repeating: 0, count: 1 << SharedShards.bucketBits)
        loads = .allocate(capacity: self.workers)
        loads.initialize(repeating: 0, count: self.workers)
    }

    deinit {
        owners.deallocate()
        loads.deallocate()
    }

    /// The worker that owns the packet whose shard hash is `hash`; counts the packet to it.
    @inline(__always)
    func owner(of hash: UInt64) -> Int {
        let bucket = SharedShards.bucket(of: hash)
        var owner = Int(owners[bucket])
        if owner == 0 {
            owner = leastLoaded() + 1
            owners[bucket] = UInt8(truncatingIfNeeded: owner)
        }
        loads[owner - 1] &+= 1
        return owner - 1
    }

    /// Packets given to `worker` so far.
    func load(of worker: Int) -> UInt64 { loads[worker] }

    // Only when a bucket is first seen; ties go to the lowest index.
    @inline(never)
    private func leastLoaded() -> Int {
        var best = 0
        for worker in 1..<workers where loads[worker] < loads[best] { best = worker }
        return best
    }
}
