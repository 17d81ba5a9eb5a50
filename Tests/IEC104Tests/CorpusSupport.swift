import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import IEC104
import Monitor

/// Corpus captures live beside the repository: `<repo>/../shared/corpus`.
enum Corpus {
    static let root = corpusRoot

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static func events(_ relative: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [IEC104Protocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path(relative)]).events
    }
}

/// tshark's functions of IEC 104 APDUs per frame: `iec60870_asdu.typeid` for I format APDUs,
/// `iec60870_104.utype` for U format, and the APCI type (1) for S format.
func tsharkIEC104Functions(_ table: TSharkTable) -> [FunctionKey] {
    var keys: [FunctionKey] = []
    for row in table.rows {
        let frame = table.frame(row)
        for value in table.values(row, "iec60870_asdu.typeid") {
            if let number = parseNumber(value) { keys.append(FunctionKey(frame: frame, function: number)) }
        }
        for value in table.values(row, "iec60870_104.utype") {
            if let number = parseNumber(value) { keys.append(FunctionKey(frame: frame, function: number)) }
        }
        for value in table.values(row, "iec60870_104.type") where parseNumber(value) == 1 {
            keys.append(FunctionKey(frame: frame, function: 1))
        }
    }
    return keys
}

/// Runs a stream decoder over byte chunks as one client→server direction, collecting events.
func decode(_ chunks: [[UInt8]], fromClient: Bool = true, frames: [UInt64]? = nil) -> (EventBatch, [ProtocolEvent]) {
    let decoder = IEC104StreamDecoder()
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
