import DNP3
import EventModel
import Foundation
import Monitor
import Testing

/// Per capture: the (frame, function) multiset we emit against tshark's `dnp3.al.func`.
@Suite(.serialized) struct DNP3CorpusTests {
    /// The agreement each capture reaches; below 0.995 only where KNOWN_DIFFERENCES.md says why.
    static let floors: [String: (precision: Double, recall: Double)] = [
        // tshark cannot reassemble fragments whose transport sequence wraps 63 → 0 (KNOWN_DIFFERENCES.md).
        "dnp3_example.pcap": (0.993, 0.998)
    ]

    @Test func everyCaptureAgreesWithTshark() throws {
        try #require(DNP3Corpus.isAvailable, "shared corpus not found")
        var totalMatched = 0
        var totalOurs = 0
        var totalTheirs = 0
        for name in DNP3Corpus.dnp3Captures {
            let path = DNP3Corpus.dnp3Folder.appending(path: name).path
            let events = DNP3Corpus.events(path)
            let ours = DNP3Corpus.ourFunctions(events)
            let theirs = DNP3Corpus.tsharkFunctions(path + ".tshark.tsv")
            let anomalies = Dictionary(grouping: events.compactMap(\.anomaly), by: { $0 }).mapValues(\.count)
            if !anomalies.isEmpty { print("dnp3 corpus \(name) anomalies: \(anomalies.sorted { $0.key < $1.key })") }
            let agreement = DNP3Corpus.agreement(ours: ours, theirs: theirs)
            totalMatched += agreement.matched
            totalOurs += agreement.ours
            totalTheirs += agreement.theirs
            print("dnp3 corpus \(name): \(agreement)")
            if !agreement.missing.isEmpty {
                print("  missing: \(agreement.missing.prefix(20).map { "\($0.frame):\($0.function)" })")
            }
            if !agreement.extra.isEmpty {
                print("  extra: \(agreement.extra.prefix(20).map { "\($0.frame):\($0.function)" })")
            }
            let floor = Self.floors[name] ?? (0.995, 0.995)
            #expect(agreement.precision >= floor.precision, "\(name) precision \(agreement.precision)")
            #expect(agreement.recall >= floor.recall, "\(name) recall \(agreement.recall)")
        }
        print("dnp3 corpus total: tshark \(totalTheirs) ours \(totalOurs) matched \(totalMatched)")
    }

    @Test(arguments: ["dnp3-normal", "dnp3-attack", "mixed"])
    func peerCaptureAgreesWithTshark(name: String) throws {
        let path = DNP3Corpus.peersFolder.appending(path: name + ".pcap").path
        try #require(FileManager.default.fileExists(atPath: path), "peer capture not found")
        let ours = DNP3Corpus.ourFunctions(DNP3Corpus.events(path))
        let theirs = DNP3Corpus.tsharkFunctions(DNP3Corpus.peersFolder.appending(path: name + ".tshark.tsv").path)
        let agreement = DNP3Corpus.agreement(ours: ours, theirs: theirs)
        print("dnp3 peers \(name): \(agreement)")
        if !agreement.missing.isEmpty {
            print("  missing: \(agreement.missing.prefix(20).map { "\($0.frame):\($0.function)" })")
        }
        if !agreement.extra.isEmpty {
            print("  extra: \(agreement.extra.prefix(20).map { "\($0.frame):\($0.function)" })")
        }
        #expect(agreement.precision >= 0.995)
        #expect(agreement.recall >= 0.995)
    }
}

/// The content probe claims flows on any port: no capture without DNP3 (tshark finds none in the
/// other protocol folders) may yield DNP3 events.
@Suite(.serialized) struct DNP3FalsePositiveTests {
    @Test func otherProtocolCapturesYieldNoDNP3() throws {
        try #require(DNP3Corpus.isAvailable)
        let enumerator = FileManager.default.enumerator(atPath: DNP3Corpus.corpus.path)
        var captures: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".pcap") || relative.hasSuffix(".pcapng") else { continue }
            if relative.hasPrefix("dnp3/") || relative.hasPrefix("bench-src/") || relative.hasPrefix("peers/dnp3-") {
                continue
            }
            captures.append(relative)
        }
        #expect(captures.count > 50)
        for relative in captures.sorted() {
            let events = DNP3Corpus.events(DNP3Corpus.corpus.appending(path: relative).path)
            let dnp3 = events.filter { $0.protocolName == "dnp3" }
            #expect(dnp3.isEmpty, "\(relative): \(dnp3.count) DNP3 events, first \(dnp3.first?.jsonLine ?? "")")
        }
    }
}
