import BinaryParsing
import PacketLayers

/// Where the packet being decoded came from: filled by the pipeline, read by decoders.
public struct PacketContext: Sendable {
    public var frame: UInt64 = 0
    public var timestamp: Int64 = 0
    public var source = IPAddress.unspecified
    public var destination = IPAddress.unspecified
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var hasPorts = false
    public var sourceMAC = MACAddress.zero
    public var destinationMAC = MACAddress.zero
    public var hasMACs = false
    public var vlan: UInt16 = 0
    public var hasVLAN = false
    /// True when the packet travels from the flow's initiator (client) to its responder.
    public var fromClient = true
    public init() {}
}

/// A batch of events with the arena that holds their text. Reused: `reset` keeps capacity, so a
/// warm batch takes events without allocating.
public final class EventBatch {
    public private(set) var events: [ProtocolEvent] = []
    public private(set) var facts: [IdentityFact] = []
    public private(set) var arena: [UInt8] = []
    /// When false, decoders may skip building events (counting runs such as `analyze`).
    public var isCollecting: Bool
    /// Events emitted since the batch was created, collected or not.
    public private(set) var emitted: UInt64 = 0
    /// Events per protocol id, collected or not.
    public var emittedByProtocol: [UInt64] { emittedCounts.values }
    private let emittedCounts = CountTable(slots: ApplicationProtocol.idLimit)
    public private(set) var anomalies = AnomalyCounter()
    /// Events by operation since the owner last took the tally (per flow: see PacketProcessor).
    public var tally = OperationTally()
    /// Keep only notable events (`ProtocolEvent.isNotable`); the rest are counted, not stored.
    public var retainsOnlyNotable = false
    /// Count events by function too (`functionTally`), for the store's aggregated counts.
    public var countsFunctions = false
    /// Events by (protocol, operation, function) since the owner last took them.
    public var functionTally = FunctionTally()
    /// Text and facts of events that were not retained stay in the arena until the next reset:
    /// the owner flushes when the batch is full by any of these measures.
    public var needsFlush: Bool {
        events.count >= eventLimit || facts.count >= eventLimit || arena.count >= arenaLimit
    }
    private let eventLimit: Int
    private let arenaLimit: Int
    private var lastFrame: UInt64 = 0
    private var sequenceInFrame: UInt32 = 0

    public init(collecting: Bool = true, capacity: Int = 4096) {
        isCollecting = collecting
        eventLimit = capacity
        arenaLimit = capacity * 256
        events.reserveCapacity(capacity)
        arena.reserveCapacity(capacity * 32)
    }

    public func reset() {
        events.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    /// Stamps `event` with the packet's addresses and time, and keeps it.
    public func emit(_ event: ProtocolEvent, context: PacketContext, layer2: Bool = false) {
        emitted &+= 1
        emittedCounts.increment(Int(event.protocolID.id) % ApplicationProtocol.idLimit)
        if let anomaly = event.anomaly { anomalies.record(anomaly.kind) }
        tally.add(event.operation, fromClient: context.fromClient, isRequest: event.direction == .request)
        if countsFunctions {
            functionTally.add(
                FunctionTally.key(protocolID: event.protocolID.id, operation: event.operation, function: event.function)
            )
        }
        guard isCollecting, !retainsOnlyNotable || event.isNotable else { return }
        if context.frame != lastFrame {
            lastFrame = context.frame
            sequenceInFrame = 0
        }
        // Stamped where it is kept: a stamped local copy cost a second 320-byte copy per event.
        events.append(event)
        Self.stamp(&events[events.count - 1], context: context, layer2: layer2, sequence: sequenceInFrame)
        sequenceInFrame &+= 1
    }

    private static func stamp(
        _ event: inout ProtocolEvent, context: PacketContext, layer2: Bool, sequence: UInt32
    ) {
        event.frame = context.frame
        event.timestamp = context.timestamp
        event.source = context.source
        event.destination = context.destination
        event.sourcePort = context.sourcePort
        event.destinationPort = context.destinationPort
        event.hasPorts = context.hasPorts
        event.sourceMAC = context.sourceMAC
        event.destinationMAC = context.destinationMAC
        event.hasMACs = context.hasMACs
        event.vlan = context.vlan
        event.hasVLAN = context.hasVLAN
        event.isLayer2 = layer2
        event.sequence = sequence
    }

    /// Whether the text of an event doing `operation` can be kept: false when not collecting, or
    /// when only notable events are kept and `operation` alone does not make an event notable.
    /// Decoders ask before formatting text for routine events (tag names of reads, item lists);
    /// identity facts are always kept and are not gated by this.
    @inlinable public func keepsText(for operation: Operation) -> Bool {
        guard isCollecting else { return false }
        return !retainsOnlyNotable || operation.isNotable
    }

    /// Copies wire bytes into the arena (when collecting).
    public func text(_ bytes: ByteView) -> TextRef {
        guard isCollecting, !bytes.isEmpty else { return .none }
        let offset = UInt32(truncatingIfNeeded: arena.count)
        bytes.withUnsafeBytes { arena.append(contentsOf: $0) }
        return TextRef(offset: offset, length: UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Copies a Swift string into the arena (rare: formatted values such as versions).
    public func text(_ string: String) -> TextRef {
        guard isCollecting, !string.isEmpty else { return .none }
        let offset = UInt32(truncatingIfNeeded: arena.count)
        arena.append(contentsOf: string.utf8)
        return TextRef(offset: offset, length: UInt32(truncatingIfNeeded: arena.count) - offset)
    }

    /// Starts the identity facts of the next event; returns its start index.
    public var nextFactIndex: Int32 { Int32(truncatingIfNeeded: facts.count) }

    /// Adds a fact about the event's sender (or about `subject`) to the event being built.
    public func addFact(_ key: IdentityKey, _ value: TextRef, about subject: FactSubject = .source) {
        guard isCollecting, !value.isEmpty else { return }
        facts.append(IdentityFact(key: key, value: value, subject: subject))
    }

    /// The text of a reference, decoded as UTF-8 with invalid bytes replaced (for printing).
    public func string(_ reference: TextRef) -> String {
        guard reference.length > 0, Int(reference.offset) + Int(reference.length) <= arena.count else { return "" }
        return String(
            decoding: arena[Int(reference.offset)..<Int(reference.offset + reference.length)], as: UTF8.self)
    }

    /// The bytes of a reference (borrowed for the call; empty when out of range).
    public func withBytes<Result>(_ reference: TextRef, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard reference.length > 0, Int(reference.offset) + Int(reference.length) <= arena.count else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return arena.withUnsafeBytes {
            body(UnsafeRawBufferPointer(rebasing: $0[Int(reference.offset)..<Int(reference.offset + reference.length)]))
        }
    }

    /// The identity facts of an event.
    public func facts(of event: ProtocolEvent) -> ArraySlice<IdentityFact> {
        let start = Int(event.identityStart)
        let end = start + Int(event.identityCount)
        guard event.identityCount > 0, start >= 0, end <= facts.count else { return [] }
        return facts[start..<end]
    }

    /// Records an anomaly outside any event (e.g. framing lost).
    public func recordAnomaly(_ kind: AnomalyKind) { anomalies.record(kind) }
}
