/// Confirmed requests awaiting their answer on one flow, by invoke id (ASHRAE 135 §5.4). Either
/// side of a BACnet/IP flow may be a client, so a request is keyed by its invoke id and by which
/// side sent it. The table is allocated once per flow and never grows.
struct BACnetPendingRequests {
    /// At most this many requests wait for an answer; beyond it the oldest is forgotten and
    /// `bacnet.request_flood` raised. An invoke id is one octet, so a well-behaved peer never exceeds it.
    static let capacity = 255

    struct Request {
        var service: Int16 = -1
        var objectType: Int64 = -1
        var instance: Int64 = -1
        var property: Int64 = -1
        var arrayIndex: Int64 = -1
        var order: UInt32 = 0
        var isPending: Bool { service >= 0 }
    }

    private var slots = [Request](repeating: Request(), count: 512)
    private(set) var count = 0
    private var nextOrder: UInt32 = 0

    private static func slot(invokeID: UInt8, fromClient: Bool) -> Int { Int(invokeID) | (fromClient ? 256 : 0) }

    enum Insertion { case stored, reused, flooded }

    /// Records a request. `.reused`: the slot held an unanswered request for another service;
    /// `.flooded`: the table was full and its oldest entry was dropped.
    mutating func insert(_ request: Request, invokeID: UInt8, fromClient: Bool) -> Insertion {
        let index = Self.slot(invokeID: invokeID, fromClient: fromClient)
        var outcome = Insertion.stored
        if slots[index].isPending {
            if slots[index].service != request.service { outcome = .reused }
        } else {
            if count >= Self.capacity {
                evictOldest()
                outcome = .flooded
            }
            count += 1
        }
        var stored = request
        stored.order = nextOrder
        nextOrder &+= 1
        slots[index] = stored
        return outcome
    }

    /// The request an answer refers to (`requestFromClient`: which side sent the request).
    func lookup(invokeID: UInt8, requestFromClient: Bool) -> Request? {
        let request = slots[Self.slot(invokeID: invokeID, fromClient: requestFromClient)]
        return request.isPending ? request : nil
    }

    mutating func remove(invokeID: UInt8, requestFromClient: Bool) {
        let index = Self.slot(invokeID: invokeID, fromClient: requestFromClient)
        guard slots[index].isPending else { return }
        slots[index] = Request()
        count -= 1
    }

    private mutating func evictOldest() {
        var oldest = -1
        var oldestAge: UInt32 = 0
        for index in slots.indices where slots[index].isPending {
            let age = nextOrder &- slots[index].order
            if oldest < 0 || age > oldestAge {
                oldest = index
                oldestAge = age
            }
        }
        if oldest >= 0 {
            slots[oldest] = Request()
            count -= 1
        }
    }
}
