import CorpusTestSupport
import EventModel
import Foundation
import IEC104
import Monitor
import Testing

/// Differential tests against tshark's reference decodings (`*.tshark.tsv`), and the ground truth of
/// the OT peers scenarios (`shared/peers/README.md`).
@Suite struct IEC104CorpusTests {
    /// Capture → the precision/recall floor it reaches (see KNOWN_DIFFERENCES.md for any below 0.995).
    static let captures: [(capture: String, table: String, floor: Double)] = [
        ("iec104/iec104.pcap", "iec104/iec104.pcap.tshark.tsv", 0.995),
        ("iec104/iec104_090813_diverse.pcap", "iec104/iec104_090813_diverse.pcap.tshark.tsv", 0.995),
        ("iec104/iec104_TestDissectIec104.pcap", "iec104/iec104_TestDissectIec104.pcap.tshark.tsv", 0.995),
        ("peers/iec104-normal.pcap", "peers/iec104-normal.tshark.tsv", 0.995),
        ("peers/iec104-attack.pcap", "peers/iec104-attack.tshark.tsv", 0.995),
        ("peers/mixed.pcap", "peers/mixed.tshark.tsv", 0.995),
    ]

    @Test(arguments: captures.map(\.capture))
    func functionsMatchTShark(_ capture: String) throws {
        guard let entry = Self.captures.first(where: { $0.capture == capture }), Corpus.exists(capture),
            let table = TSharkTable(corpus: entry.table)
        else {
            print("IEC104 corpus: \(capture) not present, skipped")
            return
        }
        let events = Corpus.events(capture).filter { $0.protocolName == "iec104" }
        let emitted = events.compactMap { event in event.function.map { FunctionKey(frame: event.frame, function: $0) }
        }
        let agreement = Agreement(expected: tsharkIEC104Functions(table), emitted: emitted)
        let anomalies = Dictionary(grouping: events.compactMap(\.anomaly), by: { $0 }).mapValues(\.count)
        print("IEC104 corpus \(capture): \(agreement) anomalies \(anomalies.sorted { $0.key < $1.key })")
        #expect(agreement.precision >= entry.floor, "\(capture): \(agreement)")
        #expect(agreement.recall >= entry.floor, "\(capture): \(agreement)")
        #expect(events.allSatisfy { $0.function != nil })
    }

    /// Common address and first IOA of every ASDU agree with tshark's `iec60870_asdu.addr`/`.ioa`.
    @Test func addressesMatchTShark() throws {
        guard Corpus.exists("iec104/iec104.pcap"), let table = TSharkTable(corpus: "iec104/iec104.pcap.tshark.tsv")
        else {
            return
        }
        let events = Corpus.events("iec104/iec104.pcap").filter {
            $0.protocolName == "iec104" && $0.targetKind == .iec104Object
        }
        var expected: [String] = []
        for row in table.rows {
            let addresses = table.values(row, "iec60870_asdu.addr")
            let counts = table.values(row, "iec60870_asdu.numix").compactMap { Int($0) }
            var objects = table.values(row, "iec60870_asdu.ioa")[...]
            for (index, address) in addresses.enumerated() {
                expected.append("\(table.frame(row)):\(address):\(objects.first ?? "")")
                // tshark lists one IOA per object (a sequence lists each consecutive address).
                let count = index < counts.count ? counts[index] : 1
                objects = objects.dropFirst(max(1, count))
            }
        }
        let emitted = events.map { "\($0.frame):\($0.targetNumbers[0]):\($0.targetNumbers[1])" }
        #expect(emitted == expected)
    }

    /// iec104-attack: the rogue's clock sync, single/double commands and set-point are writes on
    /// CA 47 at IOAs 3001…3003; the set-point carries 9999. iec104-normal has no dangerous operation.
    @Test func peersGroundTruth() throws {
        let dangerous: Set<String> = ["write", "control", "program", "firmware", "diagnostic"]
        if Corpus.exists("peers/iec104-normal.pcap") {
            let normal = Corpus.events("peers/iec104-normal.pcap").filter { $0.protocolName == "iec104" }
            #expect(!normal.isEmpty)
            #expect(normal.filter { dangerous.contains($0.operation) }.isEmpty)
            #expect(normal.filter { $0.function == 100 && $0.direction == "request" }.count >= 2)
            #expect(normal.contains { $0.function == 36 && $0.direction == "unsolicited" && $0.operation == "data" })
            #expect(normal.contains { $0.function == 13 && $0.operation == "read" && $0.targetNumbers[0] == 47 })
            #expect(normal.filter { $0.anomaly != nil }.isEmpty)
        }
        guard Corpus.exists("peers/iec104-attack.pcap") else { return }
        let attack = Corpus.events("peers/iec104-attack.pcap").filter { $0.protocolName == "iec104" }
        let rogue = "10.77.9.66"
        let rogueRequests = attack.filter { $0.source == rogue && $0.direction == "request" }
        let commands = rogueRequests.filter { dangerous.contains($0.operation) }
        #expect(commands.map(\.function) == [103, 45, 46, 50, 45])
        #expect(commands.allSatisfy { $0.operation == "write" && $0.targetNumbers[0] == 47 })
        #expect(commands.map { $0.targetNumbers[1] } == [0, 3001, 3002, 3003, 3001])
        #expect(commands.first { $0.function == 50 }?.targetNumbers[2] == 9999)
        #expect(commands.filter { $0.function == 45 }.map { $0.targetNumbers[2] } == [0, 1])  // OFF, then ON
        // Only the rogue sends dangerous operations; the RTU confirms them (cause 7).
        #expect(
            attack.filter { dangerous.contains($0.operation) && $0.direction == "request" }.allSatisfy {
                $0.source == rogue
            })
        #expect(attack.contains { $0.function == 45 && $0.direction == "response" && $0.resultStatus == .ok })
        #expect(attack.filter { $0.anomaly != nil }.isEmpty)
    }

    /// Malformed captures flag anomalies instead of failing.
    @Test func malformedCaptureRaisesAnomalies() throws {
        guard Corpus.exists("iec104/iec104_TestDissectIec104.pcap") else { return }
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [IEC104Protocol.registration] + ProtocolCatalog.standard)
        let (events, result) = analyzer.collectEvents([Corpus.path("iec104/iec104_TestDissectIec104.pcap")])
        let names = result.statistics.anomalies.byName
        #expect(names["iec104.junk_before_start", default: 0] > 0)
        #expect(names["iec104.apdu_too_short", default: 0] > 0)
        #expect(events.contains { $0.anomaly == "iec104.truncated_asdu" })
    }
}

@Suite struct IEC104PrintTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PALISADE_PRINT"] == "1"))
    func printEvents() {
        for capture in ["peers/iec104-attack.pcap", "iec104/iec104_TestDissectIec104.pcap"] {
            for event in Corpus.events(capture).filter({ $0.protocolName == "iec104" }).prefix(400) {
                print(event.jsonLine)
            }
        }
    }
}
