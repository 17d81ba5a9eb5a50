import CorpusTestSupport
import Detection
import Foundation
import PlantSimulator
import Testing

/// The false-positive acceptance on a whole simulated plant (34 devices, Purdue 0–4): a baseline
/// learned on the first half of a normal run, detection on the second half, nothing of medium or
/// high severity; and with the attack, the rogue's steps are found.
@Suite struct SimulatedPlantDetectionTests {
    static func simulate(attack: Bool) throws -> (path: String, truth: GroundTruth) {
        let folder = try makeTemporaryFolder("palisade-sim-detect")
        let path = folder.appendingPathComponent(attack ? "attack.pcap" : "normal.pcap").path
        return (path, try PlantSimulator.write(to: path, minutes: 10, seed: 7, attack: attack))
    }

    @Test func normalPlantSecondHalfAgainstFirstHalfIsQuiet() throws {
        let (path, _) = try Self.simulate(attack: false)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let span = try captureSpan(path)
        let middle = span.first + (span.last - span.first) / 2
        let baseline = learn([path], until: middle)
        #expect(baseline.pairs.count >= 30)
        let secondHalf = try captureAfter(path, time: middle, name: "sim-second-half.pcap")
        let loud = detect([secondHalf], against: baseline).filter { $0.severity >= .medium }
        #expect(loud.isEmpty, "\(loud.map { "\($0.rule): \($0.summary)" })")
        // Without a baseline, the rules alone are quiet too.
        #expect(detect([path]).filter { $0.severity >= .medium }.isEmpty)
    }

    @Test func attackedPlantRaisesTheRoguesSteps() throws {
        let (path, truth) = try Self.simulate(attack: true)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let alerts = detect([path])
        let rogue = try #require(truth.steps.first?.sourceIP)
        let fromRogue = alerts.filter { $0.severity >= .medium && $0.summary.hasPrefix(rogue) }
        let rules = Set(fromRogue.map(\.rule))
        for expected in [
            "write-from-unexpected-host", "command-from-unexpected-host", "s7-cpu-state-change",
            "cip-device-state-change", "s7-program-download", "stuxnet-like-s7-sequence",
        ] {
            #expect(rules.contains(expected), "\(expected) missing; got \(rules.sorted())")
        }
        // Nothing medium or high names another host as the actor.
        let others = alerts.filter { $0.severity >= .medium && $0.kind == .rule && !$0.summary.contains(rogue) }
        #expect(others.isEmpty, "\(others.map { "\($0.rule): \($0.summary)" })")
    }
}
