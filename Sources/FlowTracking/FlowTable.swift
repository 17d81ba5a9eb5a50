import PacketLayers

/// Limits and timeouts of a flow table. Times are capture time in nanoseconds.
public struct FlowTableConfiguration: Sendable {
    /// At most this many flows at once; the least recently seen is evicted to make room.
    public var capacity = 1_000_000
    public var tcpIdleTimeout: Int64 = 600 * 1_000_000_000
    public var udpIdleTimeout: Int64 = 120 * 1_000_000_000
    /// A TCP connection closed by FIN from both sides or by RST lingers this long for stray packets.
    public var closedTimeout: Int64 = 30 * 1_000_000_000
    /// A flow longer than this reports an interim record and starts a new period (NetFlow style).
    public var activeTimeout: Int64 = 3600 * 1_000_000_000
    public init() {}
}

/// A bounded table of flows keyed by `FlowKey`: open addressing over a flat array of plain entries,
/// an intrusive least-recently-seen list for timeouts and eviction, no allocation per packet.
///
/// Eviction policy: when the table is full, the least recently seen flow is ended with reason
/// `.evicted` (counted in `evictions`). Expiry runs as capture time advances: a flow idle longer
/// than its protocol's timeout ends with `.idleTimeout`. Ended flows are queued in `ended` for
/// the owner to report and to release its per-flow state; drain it after each call.
public final class FlowTable {
    public let configuration: FlowTableConfiguration
    public private(set) var count = 0
    public private(set) var created: UInt64 = 0
    public private(set) var evictions: UInt64 = 0
    public private(set) var expired: UInt64 = 0
    /// Flows that ended since the owner last drained the list.
    public var ended: [FlowRecord] = []

    var entries: UnsafeMutablePointer<FlowEntry>
    var entryCapacity: Int
    var entryHighWater = 0  // slots ever used
    var freeSlots: [Int32] = []
    var index: UnsafeMutablePointer<Int32>
    var indexMask: Int
    /// One least-recently-seen list per timeout class (closed TCP, other, TCP), so that each list
    /// is ordered by expiry and a sweep stops at the first flow that has not expired.
    var newestByClass: (Int32, Int32, Int32) = (-1, -1, -1)
    var oldestByClass: (Int32, Int32, Int32) = (-1, -1, -1)
    var lastSweep: Int64 = .min
    var now: Int64 = .min

    public init(configuration: FlowTableConfiguration = FlowTableConfiguration()) {
        self.configuration = configuration
        entryCapacity = min(1024, max(16, configuration.capacity))
        entries = .allocate(capacity: entryCapacity)
        let indexSize = Self.indexSize(for: entryCapacity)
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: -1, count: indexSize)
        indexMask = indexSize - 1
        ended.reserveCapacity(64)
    }

    deinit {
        entries.deallocate()
        index.deallocate()
    }

    static func indexSize(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    /// The entry in `slot` (valid until the flow ends).

    public subscript(slot: Int32) -> FlowEntry {
        // Addressors, not get/set: reading one field of an entry must not copy the whole entry.
        unsafeAddress { UnsafePointer(entries + Int(slot)) }
        unsafeMutableAddress { entries + Int(slot) }
    }

    /// Finds the flow of `key`, or `nil`.

    public func find(_ key: FlowKey, hash: UInt64) -> Int32? {
        var position = Int(truncatingIfNeeded: hash) & indexMask
        while true {
            let slot = index[position]
            if slot < 0 { return nil }
            let entry = entries.advanced(by: Int(slot))
            if entry.pointee.hash == hash && entry.pointee.key == key { return slot }
            position = (position &+ 1) & indexMask
        }
    }

    /// Records that capture time reached `time`; expires idle flows at most once per second.

    public func advanceTime(to time: Int64) {
        if time > now { now = time }
        // (`lastSweep` starts at .min: `now &- .min` wraps negative, so the first sweep is explicit.)
        if lastSweep == .min || now &- lastSweep >= 1_000_000_000 {
            lastSweep = now
            expireIdle()
        }
    }

    /// Creates a flow (the caller checked `find` first). Evicts the least recently seen flow when full.

    public func insert(
        _ key: FlowKey, hash: UInt64, frame: UInt64, time: Int64, initiatorIsA: Bool, isTCP: Bool
    ) -> Int32 {
        if count >= configuration.capacity, let oldest = globallyOldest() {
            evictions &+= 1
            end(oldest, reason: .evicted)
        }
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            if entryHighWater == entryCapacity { growEntries() }
            slot = Int32(entryHighWater)
            entryHighWater += 1
        }
        (entries + Int(slot)).initialize(
            to: FlowEntry(key: key, hash: hash, frame: frame, time: time, initiatorIsA: initiatorIsA, tcp: isTCP))
        var position = Int(truncatingIfNeeded: hash) & indexMask
        while index[position] >= 0 { position = (position &+ 1) & indexMask }
        index[position] = slot
        count += 1
        created &+= 1
        linkNewest(slot)
        return slot
    }

    /// Marks the flow as just seen (moves it to the young end of the list).

    public func touch(_ slot: Int32, time: Int64) {
        let entry = entries + Int(slot)
        if time > entry.pointee.lastSeen { entry.pointee.lastSeen = time }
        let timeoutClass = Self.timeoutClass(of: entry.pointee)
        if timeoutClass != entry.pointee.listClass || newest(timeoutClass) != slot {
            unlink(slot)
            linkNewest(slot)
        }
    }

    /// Ends a flow now (closed connection reused, or the owner's decision).
    public func end(_ slot: Int32, reason: FlowEndReason) {
        ended.append(FlowRecord(entry: entries[Int(slot)], reason: reason))
        remove(slot)
    }

    /// Ends every flow (end of capture), oldest first.
    public func endAll(reason: FlowEndReason = .endOfCapture) {
        while let oldest = globallyOldest() { end(oldest, reason: reason) }
    }

    /// Checks `slot` against the active timeout and reports an interim record when it has run out.

    @inlinable @inline(__always)
    public func checkActiveTimeout(_ slot: Int32, time: Int64) {
        // Inlined into the packet path: for nearly every packet this comparison is all that runs,
        // and the call around it cost more than the comparison.
        if time &- self[slot].periodStart >= configuration.activeTimeout { startActivePeriod(slot, time: time) }
    }

    /// Reports the period that ran out as an interim record and starts the next one.
    @usableFromInline
    func startActivePeriod(_ slot: Int32, time: Int64) {
        let entry = entries + Int(slot)
        ended.append(FlowRecord(entry: entry.pointee, reason: .activeTimeout))
        entry.pointee.periodStart = time
    }

    /// All live flows (for reports and tests), oldest first.
    public var liveEntries: [FlowEntry] {
        var result: [FlowEntry] = []
        forEachLive { result.append($0) }
        return result.sorted { $0.lastSeen < $1.lastSeen }
    }

    /// Every live flow, in no particular order, without copying the table (interim reports).
    public func forEachLive(_ body: (FlowEntry) -> Void) {
        for timeoutClass in 0..<3 {
            var slot = oldest(timeoutClass)
            while slot >= 0 {
                body(entries[Int(slot)])
                slot = entries[Int(slot)].newer
            }
        }
    }

    func expireIdle() {
        for timeoutClass in 0..<3 {
            let timeout = self.timeout(of: timeoutClass)
            var slot = oldest(timeoutClass)
            while slot >= 0, now &- entries[Int(slot)].lastSeen >= timeout {
                let next = entries[Int(slot)].newer
                expired &+= 1
                end(slot, reason: .idleTimeout)
                slot = next
            }
        }
    }

    /// 0: TCP closed by FIN/RST, 1: not TCP, 2: TCP otherwise.
    static func timeoutClass(of entry: FlowEntry) -> UInt8 {
        if entry.tcpState == .closed { return 0 }
        return entry.key.ipProtocol == 6 ? 2 : 1
    }

    func timeout(of timeoutClass: Int) -> Int64 {
        switch timeoutClass {
        case 0: configuration.closedTimeout
        case 1: configuration.udpIdleTimeout
        default: configuration.tcpIdleTimeout
        }
    }

    func newest(_ timeoutClass: UInt8) -> Int32 {
        switch timeoutClass {
        case 0: newestByClass.0
        case 1: newestByClass.1
        default: newestByClass.2
        }
    }

    func oldest(_ timeoutClass: Int) -> Int32 {
        switch timeoutClass {
        case 0: oldestByClass.0
        case 1: oldestByClass.1
        default: oldestByClass.2
        }
    }

    func setNewest(_ timeoutClass: UInt8, _ slot: Int32) {
        switch timeoutClass {
        case 0: newestByClass.0 = slot
        case 1: newestByClass.1 = slot
        default: newestByClass.2 = slot
        }
    }

    func setOldest(_ timeoutClass: UInt8, _ slot: Int32) {
        switch timeoutClass {
        case 0: oldestByClass.0 = slot
        case 1: oldestByClass.1 = slot
        default: oldestByClass.2 = slot
        }
    }

    /// The least recently seen flow of all (the eviction victim), nil when the table is empty.
    func globallyOldest() -> Int32? {
        var best: Int32?
        for timeoutClass in 0..<3 {
            let slot = oldest(timeoutClass)
            guard slot >= 0 else { continue }
            if let current = best, entries[Int(current)].lastSeen <= entries[Int(slot)].lastSeen { continue }
            best = slot
        }
        return best
    }

    func remove(_ slot: Int32) {
        unlink(slot)
        // Backward-shift deletion keeps probe sequences intact without tombstones.
        var position = Int(truncatingIfNeeded: entries[Int(slot)].hash) & indexMask
        while index[position] != slot { position = (position &+ 1) & indexMask }
        var hole = position
        var probe = (hole + 1) & indexMask
        while index[probe] >= 0 {
            let home = Int(truncatingIfNeeded: entries[Int(index[probe])].hash) & indexMask
            // Move the entry into the hole if its home is not cyclically within (hole, probe].
            let distanceToProbe = (probe &- home) & indexMask
            let distanceToHole = (hole &- home) & indexMask
            if distanceToHole < distanceToProbe {
                index[hole] = index[probe]
                hole = probe
            }
            probe = (probe + 1) & indexMask
        }
        index[hole] = -1
        freeSlots.append(slot)
        count -= 1
    }

    func linkNewest(_ slot: Int32) {
        let timeoutClass = Self.timeoutClass(of: entries[Int(slot)])
        let newest = newest(timeoutClass)
        entries[Int(slot)].listClass = timeoutClass
        entries[Int(slot)].older = newest
        entries[Int(slot)].newer = -1
        if newest >= 0 { entries[Int(newest)].newer = slot }
        setNewest(timeoutClass, slot)
        if oldest(Int(timeoutClass)) < 0 { setOldest(timeoutClass, slot) }
    }

    func unlink(_ slot: Int32) {
        let timeoutClass = entries[Int(slot)].listClass
        let older = entries[Int(slot)].older
        let newer = entries[Int(slot)].newer
        if older >= 0 { entries[Int(older)].newer = newer } else { setOldest(timeoutClass, newer) }
        if newer >= 0 { entries[Int(newer)].older = older } else { setNewest(timeoutClass, older) }
    }

    func growEntries() {
        let capacity = min(configuration.capacity, entryCapacity * 2)
        precondition(capacity > entryCapacity)
        let bigger = UnsafeMutablePointer<FlowEntry>.allocate(capacity: capacity)
        bigger.moveInitialize(from: entries, count: entryHighWater)
        entries.deallocate()
        entries = bigger
        entryCapacity = capacity
        let indexSize = Self.indexSize(for: capacity)
        if indexSize > indexMask + 1 {
            index.deallocate()
            index = .allocate(capacity: indexSize)
            index.initialize(repeating: -1, count: indexSize)
            indexMask = indexSize - 1
            for timeoutClass in 0..<3 {
                var slot = oldest(timeoutClass)
                while slot >= 0 {
                    var position = Int(truncatingIfNeeded: entries[Int(slot)].hash) & indexMask
                    while index[position] >= 0 { position = (position &+ 1) & indexMask }
                    index[position] = slot
                    slot = entries[Int(slot)].newer
                }
            }
        }
    }
}
