import Foundation
import Monitor
import Testing

/// Every capture of the corpus (many malformed or fuzzed) through our registrations: no trap, no
/// hang; prints how many events and anomalies the DNS family produced.
@Suite struct DNSCorpusSweepTests {
    @Test func wholeCorpusNeverTraps() throws {
        let files = FileManager.default.enumerator(atPath: Corpus.root.path)?.compactMap { $0 as? String } ?? []
        let captures = files.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
        #expect(!captures.isEmpty)
        var events = 0
        var anomalies: [String: Int] = [:]
        for capture in captures {
            for record in Corpus.events(capture) where DNSCorpusTests.family.contains(record.protocolName) {
                events += 1
                if let anomaly = record.anomaly { anomalies[anomaly, default: 0] += 1 }
            }
        }
        print("dns sweep: \(captures.count) captures, \(events) events, anomalies \(anomalies)")
    }
}
