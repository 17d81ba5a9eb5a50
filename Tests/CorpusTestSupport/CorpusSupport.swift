/// Helpers the corpus tests of several decoders share: tshark reference tables, frame agreement,
/// a seeded generator for garbage tests.
import Foundation

/// The shared corpus, found relative to this file (Tests/CorpusTestSupport/ → repo → ../shared/corpus).
public let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

/// A tshark reference decoding: header row, one row per frame.
public struct TSharkTable {
    public var header: [String]
    public var rows: [[String]]

    public init?(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard !lines.isEmpty else { return nil }
        header = lines.removeFirst()
        rows = lines
    }

    /// A table under the shared corpus, by its path relative to `corpusRoot`.
    public init?(corpus relative: String) {
        self.init(path: corpusRoot.appendingPathComponent(relative).path)
    }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Every value of a multi-valued cell (tshark joins them with commas).
    public func values(_ row: [String], _ name: String) -> [String] {
        value(row, name)?.split(separator: ",").map(String.init) ?? []
    }

    /// The row's `frame.number`.
    public func frame(_ row: [String]) -> UInt64 { UInt64(values(row, "frame.number").first ?? "") ?? 0 }

    public func value(_ row: [String], _ name: String) -> String? {
        guard let index = column(name), index < row.count, !row[index].isEmpty else { return nil }
        return row[index]
    }

    /// Frames whose `frame.protocols` (or Protocol column) names `protocolName`.
    public func frames(carrying protocolName: String) -> [UInt64] {
        rows.compactMap { row in
            let layers = value(row, "frame.protocols")?.split(separator: ":").map(String.init) ?? []
            let column = value(row, "_ws.col.Protocol")?.lowercased()
            guard layers.contains(protocolName) || column == protocolName else { return nil }
            return UInt64(row[0])
        }
    }
}

/// Precision and recall of two frame multisets.
public func agreement(expected: [UInt64], actual: [UInt64]) -> (precision: Double, recall: Double) {
    var remaining: [UInt64: Int] = [:]
    for frame in expected { remaining[frame, default: 0] += 1 }
    var matched = 0
    for frame in actual where remaining[frame, default: 0] > 0 {
        remaining[frame]! -= 1
        matched += 1
    }
    let precision = actual.isEmpty ? (expected.isEmpty ? 1 : 0) : Double(matched) / Double(actual.count)
    let recall = expected.isEmpty ? 1 : Double(matched) / Double(expected.count)
    return (precision, recall)
}

/// Deterministic generator for the garbage tests (SplitMix64).
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

public func hexString(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }
