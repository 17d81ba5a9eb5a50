import CorpusTestSupport
import Foundation
import Monitor
import Testing

/// What must not depend on the capture format or on the number of workers.
private func expectSameAnalysis(
    _ lhs: CaptureAnalyzer.Result, _ rhs: CaptureAnalyzer.Result, _ label: String, byTransport: Bool = true
) {
    let a = lhs.statistics
    let b = rhs.statistics
    #expect(a.packets > 0, "\(label): no packets")
    #expect(a.packets == b.packets, "\(label): packets")
    #expect(a.bytes == b.bytes, "\(label): bytes")
    #expect(a.capturedBytes == b.capturedBytes, "\(label): captured bytes")
    #expect(a.flows == b.flows, "\(label): flows")
    #expect(a.flows == UInt64(lhs.flows.count), "\(label): flow records")
    #expect(a.packetsByProtocol == b.packetsByProtocol, "\(label): packets by protocol")
    #expect(a.firstTimestamp == b.firstTimestamp, "\(label): first timestamp")
    #expect(a.lastTimestamp == b.lastTimestamp, "\(label): last timestamp")
    if byTransport { #expect(a.flowsByTransport == b.flowsByTransport, "\(label): flows by transport") }
    let left = lhs.flows.map(FlowLine.init).sorted()
    let right = rhs.flows.map(FlowLine.init).sorted()
    #expect(left.count == right.count, "\(label): flow list length")
    for (x, y) in zip(left, right) where x != y {
        Issue.record("\(label): flows differ:\n  \(x)\n  \(y)")
        break
    }
}

@Suite("pcap and pcapng give the same analysis", .enabled(if: Paths.corpusAvailable, "shared corpus not found"))
struct PcapngEquivalenceTests {
    static let editcap = findTool("editcap")

    @Test(
        .enabled(if: editcap != nil, "editcap is not installed: cannot convert captures to pcapng"),
        arguments: ["modbus/modbusSmall.pcap", "enip/enip_cip_1.pcap", "dnp3/dnp3_example.pcap"])
    func pcapngConversionAnalyzesIdentically(_ file: String) throws {
        let folder = try makeTemporaryFolder("palisade-pcapng")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = Paths.corpusFile(file)
        let converted = folder.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent + "ng").path
        let conversion = try run(Self.editcap!, ["-F", "pcapng", original, converted])
        try #require(conversion.status == 0, "editcap failed: \(conversion.stderr)")

        let fromPcap = analyze([original])
        let fromPcapng = analyze([converted])
        #expect(fromPcap.errors.isEmpty && fromPcapng.errors.isEmpty)
        #expect(fromPcap.statistics.packets == Manifest.packets[file])
        expectSameAnalysis(fromPcap, fromPcapng, file)
        // Frame numbers and timestamps too: the flow records are identical field by field.
        #expect(fromPcap.flows.map(\.entry.firstSeen) == fromPcapng.flows.map(\.entry.firstSeen))
        #expect(fromPcap.flows.map(\.entry.lastSeen) == fromPcapng.flows.map(\.entry.lastSeen))
    }
}

@Suite("Any number of workers gives the same analysis", .enabled(if: Paths.corpusAvailable, "shared corpus not found"))
struct WorkerEquivalenceTests {
    @Test(arguments: ["modbus/modbusSmall.pcap", "bacnet/bacnet_example.pcap", "s7comm/s71500-normal.pcapng"])
    func oneAndThreeWorkersAgree(_ file: String) {
        let path = Paths.corpusFile(file)
        let one = analyze([path], workers: 1)
        let three = analyze([path], workers: 3)
        #expect(one.errors.isEmpty && three.errors.isEmpty)
        #expect(one.statistics.packets == Manifest.packets[file])
        expectSameAnalysis(one, three, file)
        #expect(one.statistics.hostBytes == three.statistics.hostBytes, "\(file): host bytes")
        #expect(one.statistics.protocolFlows == three.statistics.protocolFlows, "\(file): flows per protocol")
    }

    @Test func severalFilesInOneRunAgreeToo() {
        let paths = ["modbus/modbus_example.pcap", "iec104/iec104_090813_diverse.pcap"].map(Paths.corpusFile)
        let one = analyze(paths, workers: 1)
        let three = analyze(paths, workers: 3)
        expectSameAnalysis(one, three, "two files")
        #expect(one.files == paths)
    }
}
