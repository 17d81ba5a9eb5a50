import Foundation
import PacketCapture
import Testing

/// Every capture of the shared corpus reads to its end, with the packet count the MANIFEST gives.
@Suite("Shared corpus")
struct CorpusTests {
    struct Entry {
        var file: String
        var packets: Int
    }

    static func manifest() -> [Entry]? {
        let url = Paths.corpus.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var entries: [Entry] = []
        var header: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let names = header else {
                header = columns
                continue
            }
            guard let fileColumn = names.firstIndex(of: "file"), let packetsColumn = names.firstIndex(of: "packets"),
                columns.count > max(fileColumn, packetsColumn), let packets = Int(columns[packetsColumn])
            else {
                Issue.record("MANIFEST.tsv: cannot parse line: \(line)")
                continue
            }
            entries.append(Entry(file: columns[fileColumn], packets: packets))
        }
        return entries
    }

    @Test("every MANIFEST capture reads to the end with the listed packet count")
    func manifestCounts() throws {
        let entries = try #require(Self.manifest(), "shared corpus MANIFEST.tsv not found at \(Paths.corpus.path)")
        #expect(entries.count >= 100, "MANIFEST lists \(entries.count) captures")
        var problems: [String] = []
        var pcapngSeen = 0
        for entry in entries {
            let path = Paths.shared.appendingPathComponent(entry.file).path
            do {
                let outcome = try readAll(path)
                if outcome.format == .pcapng { pcapngSeen += 1 }
                if let error = outcome.error {
                    problems.append("\(entry.file): failed after \(outcome.packets.count) packets: \(error)")
                } else if outcome.packets.count != entry.packets {
                    problems.append("\(entry.file): \(outcome.packets.count) packets, MANIFEST says \(entry.packets)")
                }
                if let empty = outcome.packets.firstIndex(where: { $0.bytes.isEmpty && $0.originalLength > 0 }) {
                    problems.append("\(entry.file): packet \(empty + 1) has no captured bytes")
                }
            } catch {
                problems.append("\(entry.file): cannot open: \(error)")
            }
        }
        #expect(pcapngSeen > 0, "the corpus holds pcapng captures; none was read as pcapng")
        #expect(
            problems.isEmpty,
            "\(problems.count) of \(entries.count) captures disagree:\n\(problems.joined(separator: "\n"))")
    }

    @Test("peer captures (corpus/peers) read to the end; counts match capinfos when it is installed")
    func peerCaptures() throws {
        let folder = Paths.corpus.appendingPathComponent("peers")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
        let listed = Set((Self.manifest() ?? []).map { URL(fileURLWithPath: $0.file).lastPathComponent })
        #expect(!names.isEmpty)
        var problems: [String] = []
        for name in names where !listed.contains(name) {
            let path = folder.appendingPathComponent(name).path
            do {
                let outcome = try readAll(path)
                if let error = outcome.error {
                    problems.append("\(name): failed after \(outcome.packets.count) packets: \(error)")
                }
                if outcome.packets.isEmpty { problems.append("\(name): no packets") }
                // `capinfos -c -M` prints "Number of packets:   N"; skip the check without it.
                if let text = runTool(["capinfos", "-c", "-M", path]),
                    let line = text.split(separator: "\n").first(where: { $0.contains("Number of packets") }),
                    let expected = Int(line.split(separator: " ").last ?? "")
                {
                    if expected != outcome.packets.count {
                        problems.append("\(name): \(outcome.packets.count) packets, capinfos says \(expected)")
                    }
                }
            } catch {
                problems.append("\(name): cannot open: \(error)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
