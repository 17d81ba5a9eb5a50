import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import MQTT
import Monitor

/// Corpus captures live beside the repository: `<repo>/../shared/corpus`.
enum Corpus {
    static let root = corpusRoot

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static func events(_ relative: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [MQTTProtocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path(relative)]).events
    }
}

/// tshark's `mqtt.msgtype` per frame (one value per MQTT packet).
func tsharkMQTTFunctions(_ table: TSharkTable) -> [FunctionKey] {
    table.rows.flatMap { row in
        table.values(row, "mqtt.msgtype").compactMap { parseNumber($0) }.map {
            FunctionKey(frame: table.frame(row), function: $0)
        }
    }
}

/// Runs a stream decoder over byte chunks as one client→server direction, collecting events.
func decode(
    _ chunks: [[UInt8]], fromClient: Bool = true, frames: [UInt64]? = nil,
    decoder: MQTTStreamDecoder = MQTTStreamDecoder()
) -> (EventBatch, [ProtocolEvent]) {
    let batch = EventBatch()
    for (index, chunk) in chunks.enumerated() {
        var context = PacketContext()
        context.frame = frames?[index] ?? UInt64(index + 1)
        context.fromClient = fromClient
        ByteView.with(chunk) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return (batch, batch.events)
}

/// Deterministic generator for garbage tests (SplitMix64).
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
