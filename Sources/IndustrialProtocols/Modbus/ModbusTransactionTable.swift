import EventModel

/// Requests awaiting their response on one flow, keyed by (unit, transaction): the transaction
/// identifier pairs a response with its request (Messaging on TCP/IP guide §3.1.3), the unit
/// identifier tells apart the servers behind a gateway. Bounded: at `capacity` the oldest request
/// is forgotten and the caller raises `modbus.request_flood`.
struct ModbusTransactionTable {
    /// Clients keep a few requests in flight (the guide suggests a small number per connection);
    /// 256 unanswered ones is a flood or a one-way capture.
    static let capacity = 256

    struct PendingRequest {
        var key: UInt32
        var function: ModbusFunctionCode
        var meaning: ModbusFunctionMeaning
        var target: EventTarget
        /// The UMAS function of a function-90 request: its response carries only a status.
        var umasFunction: UmasFunctionCode?
    }

    /// Oldest first, from `start`: the entries before it were dropped by a flood and are removed
    /// in bulk once `capacity` of them have piled up (an array's `removeFirst` per request moved
    /// the 255 others, ~25 kB, for every request of a flood). Searched from the newest end; in
    /// steady state it holds a handful of entries and its storage is reused, so pairing does not
    /// allocate.
    private var pending: [PendingRequest] = []
    /// The keys of `pending`, index for index: a one-way capture keeps the table full, and
    /// scanning 256 4-byte keys costs far less than scanning 256 whole requests.
    private var keys: [UInt32] = []
    private var start = 0

    static func key(unitID: UInt8, transactionID: UInt16) -> UInt32 { UInt32(unitID) << 16 | UInt32(transactionID) }

    var count: Int { pending.count - start }

    /// Records a request; returns true when the table was full and the oldest request was dropped.
    /// A request reusing a pending (unit, transaction) replaces it: the client gave up on the first.
    mutating func insert(_ request: PendingRequest) -> Bool {
        if let index = newestIndex(of: request.key) { remove(at: index) }
        var flooded = false
        if count >= Self.capacity {
            start += 1
            flooded = true
            if start >= Self.capacity {
                pending.removeSubrange(0..<start)
                keys.removeSubrange(0..<start)
                start = 0
            }
        }
        pending.append(request)
        keys.append(request.key)
        return flooded
    }

    /// The pending request with this key, removed from the table.
    mutating func take(key: UInt32) -> PendingRequest? {
        guard let index = newestIndex(of: key) else { return nil }
        return remove(at: index)
    }

    @discardableResult
    private mutating func remove(at index: Int) -> PendingRequest {
        keys.remove(at: index)
        return pending.remove(at: index)
    }

    mutating func removeAll() {
        pending.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        start = 0
    }

    private func newestIndex(of key: UInt32) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            var index = keys.count
            while index > start {
                index -= 1
                if keys[index] == key { return index }
            }
            return nil
        }
    }
}
