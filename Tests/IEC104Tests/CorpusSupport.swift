import BinaryParsing
import EventModel
import Foundation
import IEC104
import Monitor

/// Corpus captures live beside the repository: `<repo>/../shared/corpus`.
enum Corpus {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static func events(_ relative: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [IEC104Protocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path(relative)]).events
    }
}

/// A tshark `-T fields -E header=y` table: one row per frame, multi-valued cells comma-separated.
struct TSharkTable {
    let columns: [String: Int]
    let rows: [[String]]

    init?(_ relative: String) {
        guard let text = try? String(contentsOfFile: Corpus.path(relative), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst()
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() { columns[name] = index }
        self.columns = columns
        rows = lines
    }

    func values(_ row: [String], _ column: String) -> [String] {
        guard let index = columns[column], index < row.count, !row[index].isEmpty else { return [] }
        return row[index].split(separator: ",").map(String.init)
    }

    func frame(_ row: [String]) -> UInt64 { UInt64(values(row, "frame.number").first ?? "") ?? 0 }
}

/// Parses "0x00000010" or "16".
func parseNumber(_ text: String) -> Int64? {
    if text.hasPrefix("0x") { return Int64(text.dropFirst(2), radix: 16) }
    return Int64(text)
}

struct FunctionKey: Hashable, CustomStringConvertible {
    let frame: UInt64
    let function: Int64
    var description: String { "\(frame):\(function)" }
}

/// Precision and recall of two multisets.
struct Agreement: CustomStringConvertible {
    let expected: Int
    let emitted: Int
    let matched: Int
    let missing: [FunctionKey]
    let extra: [FunctionKey]

    init(expected: [FunctionKey], emitted: [FunctionKey]) {
        var counts: [FunctionKey: Int] = [:]
        for key in expected { counts[key, default: 0] += 1 }
        var matched = 0
        var extra: [FunctionKey] = []
        for key in emitted {
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
                matched += 1
            } else {
                extra.append(key)
            }
        }
        self.expected = expected.count
        self.emitted = emitted.count
        self.matched = matched
        self.extra = extra
        missing = counts.flatMap { key, count in Array(repeating: key, count: count) }.sorted { $0.frame < $1.frame }
    }

    var precision: Double { emitted == 0 ? (expected == 0 ? 1 : 0) : Double(matched) / Double(emitted) }
    var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }

    var description: String {
        let p = String(format: "%.4f", precision)
        let r = String(format: "%.4f", recall)
        return "expected \(expected) emitted \(emitted) matched \(matched) precision \(p) recall \(r)"
            + (missing.isEmpty ? "" : " missing \(missing.prefix(10))")
            + (extra.isEmpty ? "" : " extra \(extra.prefix(10))")
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
