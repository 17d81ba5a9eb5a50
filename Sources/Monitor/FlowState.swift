import BinaryParsing
import EventModel
import FlowTracking

/// What the pipeline keeps per flow beyond the flow table's counters: identification progress,
/// the TCP reassemblers and the application decoder. Created at a flow's first payload.
final class FlowState: TCPStreamSink {
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
    var stream: (any StreamDecoder)?
    var datagram: (any DatagramDecoder)?
    /// The flow's events by operation (for the flow record and the communication map).
    var operations = OperationTally()
    /// Whether the decoder must be told that bytes went by before it was attached.
    var missedBytesBeforeDecoder = false

    // Set by the processor for the packet being delivered.
    var context = PacketContext()
    var initiatorIsA = true
    unowned(unsafe) var events: EventBatch

    init(events: EventBatch) { self.events = events }

    func streamData(_ bytes: ByteView, fromA: Bool) {
        guard let stream else { return }
        context.fromClient = fromA == initiatorIsA
        stream.receive(bytes, context: context, events: events)
    }

    func startsMessage(_ bytes: ByteView, fromA: Bool) -> Bool {
        stream?.startsMessage(bytes) ?? false
    }

    func streamGap(_ length: Int, fromA: Bool) {
        guard let stream else { return }
        context.fromClient = fromA == initiatorIsA
        stream.gap(length, context: context, events: events)
    }
}
