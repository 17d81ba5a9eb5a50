import Foundation
import MQTT
import Monitor
import Testing

/// Every corpus capture outside `mqtt/` and `peers/`: the content probe must not claim flows that
/// tshark does not decode as MQTT (none of these captures carries MQTT). `bench-src/`
/// holds copies of the protocol captures and is skipped too.
@Suite struct CorpusSweepTests {
    @Test
    func probeClaimsNoForeignFlows() throws {
        let files = FileManager.default.enumerator(atPath: Corpus.root.path)?.compactMap { $0 as? String } ?? []
        let captures = files.filter {
            ($0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".cap"))
                && !$0.hasPrefix("mqtt/") && !$0.hasPrefix("peers/") && !$0.hasPrefix("bench-src/")
        }.sorted()
        var claimed: [String] = []
        for capture in captures {
            let events = Corpus.events(capture).filter { $0.protocolName == "mqtt" }
            if !events.isEmpty { claimed.append("\(capture): \(events.count) (first frame \(events[0].frame))") }
        }
        print("MQTT sweep over \(captures.count) captures: \(claimed)")
        #expect(claimed.isEmpty)
    }
}
