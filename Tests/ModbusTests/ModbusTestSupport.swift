import BinaryParsing
import EventModel
import Modbus

/// An event reduced to comparable values (text resolved from the batch's arena).
struct DecodedEvent: Equatable, CustomStringConvertible {
    var frame: UInt64
    var function: Int64
    var name: String
    var direction: EventDirection
    var operation: EventModel.Operation
    var target: [Int64]
    var result: String
    var identity: [String]
    var anomaly: String

    init(_ event: ProtocolEvent, in batch: EventBatch) {
        frame = event.frame
        function = event.function
        name = event.functionName.description
        direction = event.direction
        operation = event.operation
        target =
            event.target.kind == .modbusRange
            ? [event.target.first, event.target.second, event.target.third, event.target.fourth] : []
        switch event.result.status {
        case .absent: result = ""
        case .ok: result = "ok"
        case .error: result = "\(event.result.code) \(event.result.name)"
        }
        identity = batch.facts(of: event).map { "\($0.key.name)=\(batch.string($0.value))" }
        anomaly = event.anomaly?.kind.name ?? ""
    }

    var description: String {
        "#\(frame) \(direction.name) \(function) \(name) \(operation.name) \(target) \(result) \(identity) \(anomaly)"
    }
}

/// One TCP segment of a test conversation.
struct Segment {
    var bytes: [UInt8]
    var fromClient: Bool
    var frame: UInt64 = 0
}

/// Feeds `segments` in order to one stream decoder and returns its events.
func decodeStream(_ segments: [Segment], decoder: ModbusStreamDecoder = ModbusStreamDecoder()) -> [DecodedEvent] {
    let batch = EventBatch()
    for (index, segment) in segments.enumerated() {
        var context = PacketContext()
        context.frame = segment.frame == 0 ? UInt64(index + 1) : segment.frame
        context.fromClient = segment.fromClient
        ByteView.with(segment.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return batch.events.map { DecodedEvent($0, in: batch) }
}

/// An ADU from its header fields and PDU, the length field computed.
func adu(transaction: UInt16, unit: UInt8, pdu: [UInt8]) -> [UInt8] {
    let length = UInt16(pdu.count + 1)
    return [
        UInt8(transaction >> 8), UInt8(transaction & 0xFF),  // transaction identifier
        0x00, 0x00,  // protocol identifier
        UInt8(length >> 8), UInt8(length & 0xFF),  // length
        unit,  // unit identifier
    ] + pdu
}

/// SplitMix64: a deterministic generator, so a failing fuzz run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
