import BinaryParsing
import EventModel
import FlowTracking

/// What the pipeline keeps per flow beyond the flow table's counters: identification progress,
/// the TCP reassemblers and the application decoder. Created at a flow's first payload.
final class FlowState {
    enum Identification { case pending, identified, unknown }

    var identification = Identification.pending
    var attempts = 0
    var registrationIndex = -1
    var directionA = TCPDirectionReassembler()
    var directionB = TCPDirectionReassembler()
    /// Highest acknowledgement each side has sent (B's acknowledges A's bytes), for gap detection.
    var acknowledgedByB: UInt32?
    var acknowledgedByA: UInt32?

    func recordAcknowledgement(_ number: UInt32, fromA: Bool) {
        if fromA {
            if let current = acknowledgedByA, Int32(bitPattern: number &- current) <= 0 { return }
            acknowledgedByA = number
        } else {
            if let current = acknowledgedByB, Int32(bitPattern: number &- current) <= 0 { return }
            acknowledgedByB = number
        }
    }
    var stream: (any StreamDecoder)? {
        didSet {
            streamTarget?.release()
            streamTarget = stream.map { Unmanaged.passRetained(StreamTarget(decoder: $0, events: events)) }
        }
    }
    /// `stream` and `events` for the per-segment calls, owned here (+1, released with the state).
    private var streamTarget: Unmanaged<StreamTarget>?
    var datagram: (any DatagramDecoder)? {
        didSet {
            datagramTarget?.release()
            datagramTarget = datagram.map { Unmanaged.passRetained(DatagramTarget(decoder: $0)) }
        }
    }
    /// `datagram` for the per-packet calls, owned here (+1, released with the state): calling
    /// the decoder through the optional retained and released it around every datagram.
    private var datagramTarget: Unmanaged<DatagramTarget>?
    /// The flow's events by operation (for the flow record and the communication map).
    var operations = OperationTally()
    /// The flow's events by (protocol, operation, function), when the store asked for them.
    var functions: [FunctionTally.Key: UInt32] = [:]
    /// What `PacketProcessor.checkpoint` already reported of this flow (a long-lived connection
    /// reaches the store while it lasts; each report carries only what is new).
    var reported: ReportedTraffic?
    /// Whether the decoder must be told that bytes went by before it was attached.
    var missedBytesBeforeDecoder = false

    // Set by the processor for the packet being delivered.
    var context = PacketContext()
    var initiatorIsA = true
    unowned(unsafe) var events: EventBatch

    init(events: EventBatch) { self.events = events }

    deinit {
        streamTarget?.release()
        datagramTarget?.release()
    }

    func datagramData(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        datagramTarget?._withUnsafeGuaranteedRef { $0.decoder.receive(bytes, context: context, events: events) }
    }

    func streamData(_ bytes: ByteView, fromA: Bool) {
        guard let streamTarget else { return }
        context.fromClient = fromA == initiatorIsA
        streamTarget._withUnsafeGuaranteedRef { $0.decoder.receive(bytes, context: context, events: $0.events) }
    }

    func startsMessage(_ bytes: ByteView, fromA: Bool) -> Bool {
        guard let streamTarget else { return false }
        return streamTarget._withUnsafeGuaranteedRef { $0.decoder.startsMessage(bytes) }
    }

    func streamGap(_ length: Int, fromA: Bool) {
        guard let streamTarget else { return }
        context.fromClient = fromA == initiatorIsA
        streamTarget._withUnsafeGuaranteedRef { $0.decoder.gap(length, context: context, events: $0.events) }
    }
}

/// A flow's counters as of its last interim report.
struct ReportedTraffic {
    var packetsFromA: UInt64
    var packetsFromB: UInt64
    var bytesFromA: UInt64
    var bytesFromB: UInt64
    var operations: OperationTally
    /// The events as of the first report: which side asked then decides client and server for
    /// every later report of the flow (an edge must not flip once it is in the store).
    var orientation: OperationTally
    var functions: [FunctionTally.Key: UInt32]
}

/// A flow's stream decoder and event batch, immutable. Reached through
/// `Unmanaged._withUnsafeGuaranteedRef`, its `let`s are borrowed for each call without any
/// reference counting; calling the decoder through a `var` existential (or an `unowned(unsafe)`
/// one) retained and released it around every segment.
final class StreamTarget {
    let decoder: any StreamDecoder
    let events: EventBatch

    init(decoder: any StreamDecoder, events: EventBatch) {
        self.decoder = decoder
        self.events = events
    }
}

final class DatagramTarget {
    let decoder: any DatagramDecoder

    init(decoder: any DatagramDecoder) { self.decoder = decoder }
}

/// The reassemblers' sink for one flow: its state, unretained. The processor's `flowStates` owns
/// the state for as long as the flow lives, which covers every call made with a sink. (The
/// reassemblers take their sink `inout`; passing the state itself that way went through a
/// computed property that retained and released it for every segment.)
struct FlowSink: TCPStreamSink {
    let state: Unmanaged<FlowState>

    func streamData(_ bytes: ByteView, fromA: Bool) {
        state._withUnsafeGuaranteedRef { $0.streamData(bytes, fromA: fromA) }
    }

    func streamGap(_ length: Int, fromA: Bool) {
        state._withUnsafeGuaranteedRef { $0.streamGap(length, fromA: fromA) }
    }

    func startsMessage(_ bytes: ByteView, fromA: Bool) -> Bool {
        state._withUnsafeGuaranteedRef { $0.startsMessage(bytes, fromA: fromA) }
    }
}
