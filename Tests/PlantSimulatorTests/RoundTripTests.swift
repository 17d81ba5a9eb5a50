import Foundation
import Monitor
import PlantSimulator
import Testing

/// Our decoders find every injected step, and see nothing wrong in simulated traffic.
@Suite struct RoundTripTests {
    @Test func everyGroundTruthStepIsAnEvent() throws {
        let truth = SimulatedCapture.attack.truth
        #expect(truth.steps.count == 19)
        for step in truth.steps {
            let layer2 = step.protocolName == "arp"
            let matches = SimulatedCapture.events.filter { event in
                event.timestamp == step.timeMicroseconds * 1_000 && event.protocolName == step.protocolName
                    && event.operation == step.operation && event.function.map(Int.init) == step.function
                    && event.functionName == step.functionName
                    && event.source == (layer2 ? step.sourceMAC : step.sourceIP)
                    && (layer2 || event.destination == step.destinationIP)
                    && event.destinationPort == step.destinationPort
            }
            #expect(matches.count == 1, "\(step.step) at \(step.time): \(matches.count) matching events")
        }
    }

    /// The other way round: every write, control or program request in the capture is an injected step.
    @Test func everyChangeRequestIsInTheGroundTruth() {
        let truth = SimulatedCapture.attack.truth
        let changes = SimulatedCapture.events.filter {
            ["write", "control", "program", "firmware"].contains($0.operation) && $0.direction == "request"
        }
        #expect(changes.count == truth.steps.filter { ["write", "control", "program"].contains($0.operation) }.count)
        for event in changes {
            #expect(
                truth.steps.contains {
                    $0.timeMicroseconds * 1_000 == event.timestamp && $0.protocolName == event.protocolName
                },
                "not injected: \(event.jsonLine)")
        }
    }

    @Test func groundTruthFileRoundTrips() throws {
        let truth = SimulatedCapture.attack.truth
        let lines = try truth.jsonLines()
        #expect(try GroundTruth.read(jsonLines: lines) == truth.steps)
        #expect(truth.steps.map(\.timeMicroseconds) == truth.steps.map(\.timeMicroseconds).sorted())
        #expect(truth.steps.allSatisfy { $0.technique?.hasPrefix("T08") == true })
    }

    @Test func noAnomaliesInSimulatedTraffic() {
        let anomalies = SimulatedCapture.events.filter { $0.anomaly != nil }
        #expect(anomalies.isEmpty, "\(anomalies.prefix(5).map(\.jsonLine))")
    }

    /// Without the attack, no write, control or program operation happens at all.
    @Test func normalTrafficHasNoChanges() throws {
        let path = SimulatedCapture.path("normal.pcap")
        let truth = try PlantSimulator.write(to: path, minutes: 1, seed: 3)
        #expect(truth.steps.isEmpty)
        let events = CaptureAnalyzer().collectEvents([path]).events
        #expect(events.count > 1_000)
        let changes = events.filter { ["write", "control", "program", "firmware"].contains($0.operation) }
        #expect(changes.isEmpty, "\(changes.prefix(3).map(\.jsonLine))")
    }
}
