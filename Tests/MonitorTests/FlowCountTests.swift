import Foundation
import Monitor
import Testing

/// One row of `Tests/Fixtures/flows/expected-conversations.tsv` (made by `make-expected.sh` with
/// `tshark -n -q -r FILE -z conv,tcp` / `-z conv,udp`).
struct ExpectedConversations: CustomTestStringConvertible, Sendable {
    var file: String
    var tcp: UInt64
    var udp: UInt64
    var testDescription: String { file }

    static let all: [ExpectedConversations] = {
        let url = Paths.flowFixtures.appendingPathComponent("expected-conversations.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let tcp = UInt64(fields[1]), let udp = UInt64(fields[2]) else { return nil }
            return ExpectedConversations(file: String(fields[0]), tcp: tcp, udp: udp)
        }
    }()
}

@Suite("Flow counts against tshark conversations", .enabled(if: Paths.corpusAvailable, "shared corpus not found"))
struct FlowCountTests {
    @Test func expectationsCoverAtLeastTenCapturesFromSeveralFolders() {
        #expect(ExpectedConversations.all.count >= 10)
        let folders = Set(ExpectedConversations.all.map { $0.file.split(separator: "/").first.map(String.init) ?? "" })
        #expect(folders.count >= 6, "\(folders)")
        #expect(ExpectedConversations.all.contains { $0.udp > 0 })
        #expect(ExpectedConversations.all.contains { $0.tcp > 0 })
    }

    @Test(arguments: ExpectedConversations.all)
    func flowCountsMatchTshark(_ expected: ExpectedConversations) throws {
        let path = Paths.corpusFile(expected.file)
        let result = CaptureAnalyzer(workers: 1).run([path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        let statistics = result.statistics
        #expect(statistics.packets == Manifest.packets[expected.file], "packets of \(expected.file)")
        #expect(statistics.flowsByTransport["tcp", default: 0] == expected.tcp, "TCP flows of \(expected.file)")
        #expect(statistics.flowsByTransport["udp", default: 0] == expected.udp, "UDP flows of \(expected.file)")
    }
}

@Suite(
    "Where our flows differ from tshark by definition", .enabled(if: Paths.corpusAvailable, "shared corpus not found"))
struct FlowDefinitionTests {
    /// tshark keeps one conversation per UDP pair; we end a pair idle for more than the UDP idle
    /// timeout (120 s) and start a new flow when it talks again (see Tests/Fixtures/flows/README.md).
    @Test func longIdleUDPPairsAreSplitByTheIdleTimeout() {
        let result = analyze([Paths.corpusFile("bacnet/bacnet-stack-services.pcap")])
        #expect(result.statistics.flowsByTransport["udp"] == 9)
        let pairs = Set(
            result.flows.map {
                "\($0.entry.key.addressA)|\($0.entry.key.portA)|\($0.entry.key.addressB)|\($0.entry.key.portB)"
            })
        #expect(pairs.count == 3)  // tshark's conv,udp count
        let idle = result.flows.filter { $0.reason == .idleTimeout }
        // 6 ends before the pair talks again, and 2 pairs silent for the last > 120 s of the capture;
        // only the pair still active at the end ends with the capture.
        #expect(idle.count == 8)
        #expect(result.statistics.flowTimeouts == 8)  // expired by the table's sweep as time advances
        #expect(result.flows.filter { $0.reason == .endOfCapture }.count == 1)
        // With a timeout longer than the capture, the pairs are not split: tshark's count.
        var configuration = MonitorConfiguration()
        configuration.flowTable.udpIdleTimeout = 3600 * 1_000_000_000
        let unsplit = CaptureAnalyzer(configuration: configuration, workers: 1).run([
            Paths.corpusFile("bacnet/bacnet-stack-services.pcap")
        ])
        #expect(unsplit.statistics.flowsByTransport["udp"] == 3)
    }
}
