import BinaryParsing
import EventModel

/// What a response needs to know about its request: CIP replies do not repeat the path.
struct RequestSummary {
    var service: UInt8 = 0
    var classID: Int64 = -1
    var instanceID: Int64 = -1
    var attributeID: Int64 = -1
    /// The request reached its target through Connection Manager Unconnected Send: a routing
    /// error comes back as service 0xD2 rather than as the embedded service's reply.
    var viaUnconnectedSend = false
    /// Multiple Service Packet: where its embedded requests start in the embedded ring.
    var embeddedStart: UInt64 = 0
    var embeddedCount: Int = 0
    /// The symbolic tag of the request, in the arena of the batch being filled. Only valid during
    /// the call that produced it; the table keeps its own copy.
    var tag = TextRef.none
    var storedTagStart: UInt64 = 0
    var storedTagLength = 0
}

/// Requests awaiting their response on one connection, bounded (`EtherNetIPLimits.pendingRequests`).
///
/// SendRRData replies echo the sender context; connected (SendUnitData) replies echo the
/// connection's sequence count. Both are matched oldest first, which also pairs by order when
/// every request uses the same value. Storage is allocated once per connection, on first use.
struct PendingRequests {
    enum Channel: UInt8 { case unconnected, connected }

    private struct Entry {
        var channel = Channel.unconnected
        var key: UInt64 = 0
        var isLive = false
        var summary = RequestSummary()
    }

    private var entries: [Entry] = []
    private var head = 0
    private var count = 0
    /// Summaries of the services inside Multiple Service Packets, in order (a ring).
    private var embedded: [RequestSummary] = []
    private var embeddedWritten: UInt64 = 0
    /// Tag names of pending and embedded requests, written one after another (a ring). A name
    /// stays readable until `EtherNetIPLimits.tagRingBytes` more bytes have been written.
    private var tagRing: [UInt8] = []
    private var tagWritten: UInt64 = 0

    init() {}

    /// Records a request. Returns false when the table was full and the oldest was forgotten.
    mutating func add(_ summary: RequestSummary, channel: Channel, key: UInt64, events: EventBatch) -> Bool {
        if entries.isEmpty { entries = Array(repeating: Entry(), count: EtherNetIPLimits.pendingRequests) }
        var evicted = false
        if count == entries.count {
            entries[head].isLive = false
            dropDeadHead()
            evicted = true
        }
        let slot = (head + count) % entries.count
        entries[slot] = Entry(channel: channel, key: key, isLive: true, summary: keepTag(summary, events))
        count += 1
        return !evicted
    }

    /// Takes the oldest request on `channel` with `key`; its tag is copied into `events`' arena.
    mutating func take(channel: Channel, key: UInt64, events: EventBatch) -> RequestSummary? {
        guard count > 0 else { return nil }
        // Compared in place, without a division per step: a one-way capture keeps the table full.
        let capacity = entries.count
        var slot = head
        for _ in 0..<count {
            if entries[slot].key == key, entries[slot].isLive, entries[slot].channel == channel {
                entries[slot].isLive = false
                let summary = entries[slot].summary
                dropDeadHead()
                return restoreTag(summary, events)
            }
            slot += 1
            if slot == capacity { slot = 0 }
        }
        return nil
    }

    private mutating func dropDeadHead() {
        while count > 0, !entries[head].isLive {
            head = (head + 1) % entries.count
            count -= 1
        }
    }

    /// Appends an embedded request summary; returns its absolute position.
    mutating func addEmbedded(_ summary: RequestSummary, events: EventBatch) -> UInt64 {
        if embedded.isEmpty { embedded = Array(repeating: RequestSummary(), count: EtherNetIPLimits.pendingEmbedded) }
        let position = embeddedWritten
        embedded[Self.embeddedSlot(position)] = keepTag(summary, events)
        embeddedWritten &+= 1
        return position
    }

    /// Where absolute `position` sits in the embedded ring: modulo the constant capacity (the
    /// ring is always that size once allocated), which compiles to a mask, not a division.
    private static func embeddedSlot(_ position: UInt64) -> Int {
        Int(position % UInt64(EtherNetIPLimits.pendingEmbedded))
    }

    /// The embedded request at absolute `position`, unless it has been overwritten since.
    /// Inlined, like `restoreTag`: a summary returned through memory was copied with 16-byte
    /// loads that stalled on the callee's narrower stores (store forwarding).
    @inline(__always)
    func embedded(at position: UInt64, events: EventBatch) -> RequestSummary? {
        guard !embedded.isEmpty, position < embeddedWritten, embeddedWritten - position <= UInt64(embedded.count)
        else { return nil }
        return restoreTag(embedded[Self.embeddedSlot(position)], events)
    }

    /// Copies the summary's tag out of the batch arena into the tag ring (arena references do not
    /// outlive the batch).
    private mutating func keepTag(_ summary: RequestSummary, _ events: EventBatch) -> RequestSummary {
        var stored = summary
        stored.tag = .none
        stored.storedTagLength = 0
        let tag = summary.tag
        let length = Int(tag.length)
        guard length > 0, length <= EtherNetIPLimits.tagBytes, Int(tag.offset) + length <= events.arena.count else {
            return stored
        }
        if tagRing.isEmpty { tagRing = Array(repeating: 0, count: EtherNetIPLimits.tagRingBytes) }
        let capacity = UInt64(tagRing.count)
        if Int(tagWritten % capacity) + length > tagRing.count { tagWritten += capacity - tagWritten % capacity }  // no wrap inside a name
        let start = Int(tagWritten % capacity)
        for index in 0..<length { tagRing[start + index] = events.arena[Int(tag.offset) + index] }
        stored.storedTagStart = tagWritten
        stored.storedTagLength = length
        tagWritten += UInt64(length)
        return stored
    }

    @inline(__always)
    private func restoreTag(_ summary: RequestSummary, _ events: EventBatch) -> RequestSummary {
        var restored = summary
        guard summary.storedTagLength > 0, !tagRing.isEmpty,
            tagWritten <= summary.storedTagStart + UInt64(tagRing.count),
            events.keepsText(for: CIPService.meaning(summary.service, classID: summary.classID).operation)
        else { return restored }
        let start = Int(summary.storedTagStart % UInt64(tagRing.count))
        restored.tag = tagRing.withUnsafeBytes { raw in
            events.text(ByteView(raw).slice(from: start, count: summary.storedTagLength) ?? .empty)
        }
        return restored
    }

    var pendingCount: Int { count }
}
