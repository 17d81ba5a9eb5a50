import BinaryParsing
import CorpusTestSupport
import Foundation
import Testing

/// Replays the fuzzer's seed corpus (`fuzz/corpus/`) and every input of a crash that was fixed
/// (`fuzz/crashes-fixed/`) through the same code as the libFuzzer target (`FuzzTargets`).
@Suite("Fuzz seed replay")
struct FuzzSeedReplayTests {
    static func inputs(in folder: String) -> [String] {
        let url = Paths.fuzz.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(folder)/\($0)" }
    }

    static let seeds = inputs(in: "corpus")
    static let fixedCrashes = inputs(in: "crashes-fixed")

    @Test func seedCorpusIsThere() {
        #expect(Self.seeds.count >= 5, "fuzz/corpus/ should hold the committed seeds")
        // At least one pcap and one pcapng seed must be readable captures.
        #expect(Self.seeds.contains { $0.hasSuffix(".pcap") })
        #expect(Self.seeds.contains { $0.hasSuffix(".pcapng") })
    }

    @Test(arguments: seeds + fixedCrashes)
    func replay(_ relative: String) throws {
        let data = try Data(contentsOf: Paths.fuzz.appendingPathComponent(relative))
        let folder = try makeTemporaryFolder("palisade-fuzz-replay")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = folder.appendingPathComponent("input.capture").path
        data.withUnsafeBytes { raw in
            _ = FuzzTargets.runAll(raw, scratchPath: scratch)
            _ = DecoderFuzzTargets.runAll(ByteView(raw))
        }
    }

    @Test func everyDecoderHasAFuzzTarget() {
        let names = Set(DecoderFuzzTargets.registrations.map(\.name))
        for expected in ["modbus", "s7comm", "enip", "dnp3", "iec104", "mqtt", "bacnet", "opcua", "profinet-dcp"] {
            #expect(names.contains(expected), "\(expected)")
        }
    }

    @Test func captureSeedsAreReadAsCaptures() throws {
        // The capture seeds must reach the packet path (not be rejected at the header), or the
        // fuzzer starts from nothing useful.
        for relative in Self.seeds where relative.hasSuffix(".pcap") || relative.hasSuffix(".pcapng") {
            let data = try Data(contentsOf: Paths.fuzz.appendingPathComponent(relative))
            let folder = try makeTemporaryFolder("palisade-fuzz-seed")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("seed").path
            try data.write(to: URL(fileURLWithPath: path))
            let result = analyze([path])
            #expect(result.errors.isEmpty, "\(relative): \(result.errors)")
            #expect(result.statistics.packets > 0, "\(relative)")
        }
    }
}
