import BinaryParsing
import PacketLayers

/// Receives one direction of a TCP stream, in order.
public protocol TCPStreamSink {
    /// The next bytes of the stream, borrowed for the duration of the call.
    mutating func streamData(_ bytes: ByteView, fromA: Bool)
    /// `length` bytes were lost (never captured, or dropped by a cap): resynchronise after this.
    mutating func streamGap(_ length: Int, fromA: Bool)
    /// Whether `bytes` begin a protocol message (a header the decoder recognises). After a hole,
    /// such a segment is delivered at once with a gap instead of waiting for the hole to fill:
    /// captures lose segments far more often than they reorder them (tshark does the same).
    func startsMessage(_ bytes: ByteView, fromA: Bool) -> Bool
}

extension TCPStreamSink {
    public func startsMessage(_ bytes: ByteView, fromA: Bool) -> Bool { false }
}

/// Caps shared by every stream of one worker, and what hitting them cost.
public struct ReassemblyBudget: Sendable {
    /// Out-of-order bytes one direction may hold while waiting for a hole to fill.
    public var perDirectionLimit = 256 * 1024
    /// Out-of-order bytes all streams together may hold.
    public var totalLimit = 64 * 1024 * 1024
    public private(set) var bufferedBytes = 0
    public var perDirectionCapHits: UInt64 = 0
    public var totalCapHits: UInt64 = 0
    public var retransmissions: UInt64 = 0
    public var overlaps: UInt64 = 0
    public var conflictingOverlaps: UInt64 = 0
    public var outOfOrderSegments: UInt64 = 0
    public var gaps: UInt64 = 0
    public var gapBytes: UInt64 = 0
    public var midStreamStarts: UInt64 = 0

    public init() {}

    mutating func take(_ bytes: Int) { bufferedBytes += bytes }
    mutating func give(_ bytes: Int) { bufferedBytes -= bytes }
}

/// In-order delivery of one TCP direction. In-order segments go straight from the packet to the
/// sink (no copy); only out-of-order segments are copied and held, bounded by `ReassemblyBudget`.
///
/// Policy: the first copy of a byte wins (retransmissions and overlaps are trimmed against what was
/// already delivered or held); a hole that cannot be filled within the caps, or is still open when
/// the connection ends, becomes a gap marker.
public struct TCPDirectionReassembler: Sendable {
    struct HeldSegment: Sendable {
        var sequence: UInt32
        var bytes: [UInt8]
    }

    public private(set) var isInitialized = false
    public private(set) var nextSequence: UInt32 = 0
    public private(set) var startedMidStream = false
    public private(set) var finished = false
    var held: [HeldSegment] = []
    var heldBytes = 0
    /// Segments received since a hole opened; a hole older than `holePatience` segments is a gap.
    var segmentsSinceHole = 0
    static let holePatience = 64
    /// A segment more than this far ahead is not reordering: the stream lost data or jumped.
    static let maximumJump: Int32 = 16 << 20

    public init() {}

    /// Feeds one segment of this direction.
    /// `acknowledgedByPeer` is the highest acknowledgement number the other side has sent so far:
    /// when it already covers this segment, the bytes missing before it were received by the peer
    /// and will never reach the capture, so the hole is a gap now rather than after a timeout (as
    /// tshark's "previous segment not captured").
    public mutating func receive<Sink: TCPStreamSink>(
        sequence: UInt32, flags: UInt8, payload: ByteView, fromA: Bool, budget: inout ReassemblyBudget,
        sink: inout Sink, acknowledgedByPeer: UInt32? = nil
    ) {
        var sequence = sequence
        if flags & TCPFlags.syn != 0 {
            if !isInitialized || (heldBytes == 0 && sequence &+ 1 != nextSequence) {
                isInitialized = true
                startedMidStream = false
                nextSequence = sequence &+ 1
            }
            sequence = sequence &+ 1  // data in a SYN (TCP Fast Open) follows the SYN's sequence number
        }
        if payload.isEmpty {
            if flags & (TCPFlags.fin | TCPFlags.rst) != 0 { finish(budget: &budget, fromA: fromA, sink: &sink) }
            return
        }
        if !isInitialized {
            isInitialized = true
            startedMidStream = true
            budget.midStreamStarts &+= 1
            nextSequence = sequence
        }
        let distance = Int32(bitPattern: sequence &- nextSequence)
        if distance <= 0 {
            let alreadySeen = Int(-Int64(distance))
            if alreadySeen >= payload.count {
                budget.retransmissions &+= 1
            } else {
                if alreadySeen > 0 { budget.overlaps &+= 1 }
                deliver(payload.dropFirst(alreadySeen), fromA: fromA, sink: &sink)
                drainHeld(budget: &budget, fromA: fromA, sink: &sink)
            }
        } else if distance > Self.maximumJump {
            // Far ahead: declare the loss and carry on from here.
            gap(Int(distance), budget: &budget, fromA: fromA, sink: &sink)
            releaseHeld(budget: &budget)
            deliver(payload, fromA: fromA, sink: &sink)
        } else if let acknowledged = acknowledgedByPeer, Int32(bitPattern: acknowledged &- sequence) > 0 {
            // The peer acknowledged past the hole: flush what is held before this segment, then
            // give up on the rest of the hole and deliver the segment in order.
            while let first = held.first, Int32(bitPattern: first.sequence &- sequence) < 0 {
                skipToFirstHeld(budget: &budget, fromA: fromA, sink: &sink)
            }
            let remaining = Int32(bitPattern: sequence &- nextSequence)
            if remaining > 0 { gap(Int(remaining), budget: &budget, fromA: fromA, sink: &sink) }
            let alreadySeen = Int(max(0, -Int64(Int32(bitPattern: sequence &- nextSequence))))
            if alreadySeen < payload.count { deliver(payload.dropFirst(alreadySeen), fromA: fromA, sink: &sink) }
            drainHeld(budget: &budget, fromA: fromA, sink: &sink)
        } else if held.isEmpty && sink.startsMessage(payload, fromA: fromA) {
            gap(Int(distance), budget: &budget, fromA: fromA, sink: &sink)
            deliver(payload, fromA: fromA, sink: &sink)
        } else {
            hold(sequence: sequence, payload: payload, budget: &budget, fromA: fromA, sink: &sink)
        }
        if flags & (TCPFlags.fin | TCPFlags.rst) != 0 { finish(budget: &budget, fromA: fromA, sink: &sink) }
    }

    /// The connection ended (FIN/RST consumed, or the flow timed out): flush held data with gaps.
    public mutating func finish<Sink: TCPStreamSink>(budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink) {
        while !held.isEmpty { skipToFirstHeld(budget: &budget, fromA: fromA, sink: &sink) }
        finished = true
    }

    /// Drops held bytes without delivering them (the flow is being discarded).
    public mutating func releaseHeld(budget: inout ReassemblyBudget) {
        budget.give(heldBytes)
        held.removeAll()
        heldBytes = 0
        segmentsSinceHole = 0
    }

    private mutating func deliver<Sink: TCPStreamSink>(_ bytes: ByteView, fromA: Bool, sink: inout Sink) {
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: bytes.count)
        sink.streamData(bytes, fromA: fromA)
    }

    private mutating func gap<Sink: TCPStreamSink>(
        _ length: Int, budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink
    ) {
        budget.gaps &+= 1
        budget.gapBytes &+= UInt64(length)
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: length)
        sink.streamGap(length, fromA: fromA)
    }

    private mutating func hold<Sink: TCPStreamSink>(
        sequence: UInt32, payload: ByteView, budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink
    ) {
        budget.outOfOrderSegments &+= 1
        segmentsSinceHole += 1
        if heldBytes + payload.count > budget.perDirectionLimit {
            budget.perDirectionCapHits &+= 1
            // Skip holes until the segment fits (or is in order): one skip may free only a few bytes.
            repeat {
                skipToFirstHeldOrSegment(sequence, budget: &budget, fromA: fromA, sink: &sink)
            } while heldBytes + payload.count > budget.perDirectionLimit
                && Int32(bitPattern: sequence &- nextSequence) > 0
        } else if budget.bufferedBytes + payload.count > budget.totalLimit {
            budget.totalCapHits &+= 1
            skipToFirstHeldOrSegment(sequence, budget: &budget, fromA: fromA, sink: &sink)
        }
        // After a forced gap the segment may now be in order.
        let distance = Int32(bitPattern: sequence &- nextSequence)
        if distance <= 0 {
            let alreadySeen = Int(-Int64(distance))
            if alreadySeen < payload.count {
                deliver(payload.dropFirst(alreadySeen), fromA: fromA, sink: &sink)
            }
            drainHeld(budget: &budget, fromA: fromA, sink: &sink)
            return
        }
        // Insert sorted by sequence; an identical start keeps the first copy (first wins).
        var position = held.count
        while position > 0 && Int32(bitPattern: held[position - 1].sequence &- sequence) > 0 { position -= 1 }
        if position > 0 && held[position - 1].sequence == sequence {
            if held[position - 1].bytes.count >= payload.count {
                budget.retransmissions &+= 1
                return
            }
        }
        let copy = payload.array
        held.insert(HeldSegment(sequence: sequence, bytes: copy), at: position)
        heldBytes += copy.count
        budget.take(copy.count)
        if segmentsSinceHole > Self.holePatience {
            skipToFirstHeld(budget: &budget, fromA: fromA, sink: &sink)
        }
    }

    /// Delivers held segments that have become contiguous.
    private mutating func drainHeld<Sink: TCPStreamSink>(budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink)
    {
        while let first = held.first {
            let distance = Int32(bitPattern: first.sequence &- nextSequence)
            if distance > 0 { return }
            held.removeFirst()
            heldBytes -= first.bytes.count
            budget.give(first.bytes.count)
            let alreadySeen = Int(-Int64(distance))
            if alreadySeen < first.bytes.count {
                if alreadySeen > 0 { budget.overlaps &+= 1 }
                first.bytes.withUnsafeBytes { raw in
                    deliver(ByteView(raw).dropFirst(alreadySeen), fromA: fromA, sink: &sink)
                }
            } else {
                budget.retransmissions &+= 1
            }
        }
        segmentsSinceHole = 0
    }

    /// Gives up on the hole before the first held segment: a gap, then what is contiguous.
    private mutating func skipToFirstHeld<Sink: TCPStreamSink>(
        budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink
    ) {
        guard let first = held.first else { return }
        let distance = Int32(bitPattern: first.sequence &- nextSequence)
        if distance > 0 { gap(Int(distance), budget: &budget, fromA: fromA, sink: &sink) }
        drainHeld(budget: &budget, fromA: fromA, sink: &sink)
    }

    private mutating func skipToFirstHeldOrSegment<Sink: TCPStreamSink>(
        _ sequence: UInt32, budget: inout ReassemblyBudget, fromA: Bool, sink: inout Sink
    ) {
        if let first = held.first, Int32(bitPattern: first.sequence &- sequence) < 0 {
            skipToFirstHeld(budget: &budget, fromA: fromA, sink: &sink)
        } else {
            let distance = Int32(bitPattern: sequence &- nextSequence)
            if distance > 0 { gap(Int(distance), budget: &budget, fromA: fromA, sink: &sink) }
        }
    }
}
