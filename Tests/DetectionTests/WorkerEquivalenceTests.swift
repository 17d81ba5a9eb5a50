import Detection
import Foundation
import Testing

/// Workers split the traffic by host pair, each keeps its own drafts, and the correlator merges
/// them: the alerts (counts, times, evidence, assets) must not depend on how many workers ran.
@Suite("Detection gives the same alerts for any number of workers")
struct DetectionWorkerEquivalenceTests {
    /// The benchmark's sources: every protocol, attacks, malformed traffic, sweeps.
    static let captures: [String] = {
        let folder = corpusCapture("bench-src")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted().map { "bench-src/\($0)" }
            + ["peers/mixed.pcap", "peers/modbus-attack.pcap"]
    }()

    @Test func theBenchmarkSourcesAreThere() {
        #expect(Self.captures.count >= 20)
    }

    @Test(arguments: captures)
    func sameAlertsOnOneTwoAndThreeWorkers(_ capture: String) {
        let path = corpusCapture(capture)
        let one = detect([path], workers: 1)
        for workers in [2, 3] {
            let many = detect([path], workers: workers)
            #expect(many.count == one.count, "\(capture): \(workers) workers")
            for (left, right) in zip(one, many) {
                let place = "\(capture), \(workers) workers: \(left.rule) \(left.id)"
                #expect(left.id == right.id, "\(place)")
                #expect(left.count == right.count, "\(place)")
                #expect(left.firstTime == right.firstTime && left.lastTime == right.lastTime, "\(place)")
                #expect(left.evidence.map(\.frame) == right.evidence.map(\.frame), "\(place)")
                #expect(left.assets == right.assets, "\(place)")
                #expect(left.evidence == right.evidence, "\(place)")
                #expect(left.summary == right.summary && left.explanation == right.explanation, "\(place)")
                #expect(left.severity == right.severity, "\(place)")
            }
        }
    }
}
