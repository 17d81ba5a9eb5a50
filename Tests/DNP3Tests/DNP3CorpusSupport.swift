import DNP3
import EventModel
import Foundation
import Monitor

/// Paths and helpers for the corpus tests: the shared corpus sits beside the repository.
enum DNP3Corpus {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = repositoryRoot.deletingLastPathComponent().appending(path: "shared/corpus")
    static let dnp3Folder = corpus.appending(path: "dnp3")
    static let peersFolder = corpus.appending(path: "peers")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: dnp3Folder.path) }

    /// Every DNP3 capture with a tshark reference, by file name.
    static var dnp3Captures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dnp3Folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
            .filter { names.contains($0 + ".tshark.tsv") }.sorted()
    }

    static func events(_ path: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [DNP3Protocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path]).events
    }

    struct Key: Hashable, Comparable {
        var frame: UInt64
        var function: Int64
        static func < (a: Key, b: Key) -> Bool { (a.frame, a.function) < (b.frame, b.function) }
    }

    /// The (frame, dnp3.al.func) multiset of a tshark TSV (header row; multi-valued cells use ',').
    static func tsharkFunctions(_ tsvPath: String) -> [Key: Int] {
        guard let text = try? String(contentsOfFile: tsvPath, encoding: .utf8) else { return [:] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let frameColumn = header.firstIndex(of: "frame.number"),
            let functionColumn = header.firstIndex(of: "dnp3.al.func")
        else { return [:] }
        var result: [Key: Int] = [:]
        for line in lines {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count > max(frameColumn, functionColumn), let frame = UInt64(cells[frameColumn]) else {
                continue
            }
            for value in cells[functionColumn].split(separator: ",") {
                if let function = Int64(value) { result[Key(frame: frame, function: function), default: 0] += 1 }
            }
        }
        return result
    }

    static func ourFunctions(_ events: [EventRecord]) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for event in events where event.protocolName == "dnp3" {
            guard let function = event.function else { continue }
            result[Key(frame: event.frame, function: function), default: 0] += 1
        }
        return result
    }

    struct Agreement: CustomStringConvertible {
        var matched = 0
        var ours = 0
        var theirs = 0
        var missing: [Key] = []
        var extra: [Key] = []
        var precision: Double { ours == 0 ? (theirs == 0 ? 1 : 0) : Double(matched) / Double(ours) }
        var recall: Double { theirs == 0 ? 1 : Double(matched) / Double(theirs) }
        var description: String {
            let precisionText = String(format: "%.4f", precision)
            let recallText = String(format: "%.4f", recall)
            return "tshark \(theirs) ours \(ours) matched \(matched) precision \(precisionText) recall \(recallText)"
        }
    }

    static func agreement(ours: [Key: Int], theirs: [Key: Int]) -> Agreement {
        var result = Agreement()
        for (key, count) in theirs {
            let have = ours[key] ?? 0
            result.theirs += count
            result.matched += min(count, have)
            if count > have { result.missing += Array(repeating: key, count: count - have) }
        }
        for (key, count) in ours {
            result.ours += count
            let want = theirs[key] ?? 0
            if count > want { result.extra += Array(repeating: key, count: count - want) }
        }
        result.missing.sort()
        result.extra.sort()
        return result
    }
}
