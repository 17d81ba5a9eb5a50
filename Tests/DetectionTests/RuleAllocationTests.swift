import AllocationCounter
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import Testing

@testable import Detection

/// Runs the surveillance rules' `match` on every notable event and every ended flow of a worker, as
/// `DetectionCollector` does, and counts the heap allocations the matching makes. Each batch is
/// matched twice: the first pass warms what the runtime sets up once (generic metadata), the
/// second is measured.
final class MatchAllocationProbe: PacketPathObserver {
    let rules = RuleSet(BuiltInRules.surveillanceRules)
    var allocations: UInt64 = 0
    var calls = 0
    var hits = 0
    /// Allocations by rule index in the measured passes, to name a culprit.
    var byRule: [UInt64] = Array(repeating: 0, count: 64)

    func observe(_ batch: EventBatch) {
        _ = matchAll(batch, measuring: false)
        let before = palisade_thread_allocation_count()
        hits += matchAll(batch, measuring: true)
        allocations += palisade_thread_allocation_count() - before
    }

    func flowEnded(_ flow: FlowSummary) {
        _ = matchAll(flow, measuring: false)
        let before = palisade_thread_allocation_count()
        hits += matchAll(flow, measuring: true)
        allocations += palisade_thread_allocation_count() - before
    }

    // `while` loops: an unoptimised `for` allocates its iterator, which is not what is measured.
    private func matchAll(_ batch: EventBatch, measuring: Bool) -> Int {
        var found = 0
        var position = 0
        while position < batch.events.count {
            let protocolSlot = Int(batch.events[position].protocolID.id)
            let candidates = protocolSlot < rules.candidateRanges.count ? rules.candidateRanges[protocolSlot] : 0..<0
            var slot = candidates.lowerBound
            while slot < candidates.upperBound {
                let index = Int(rules.candidateIndices[slot])
                let before = palisade_thread_allocation_count()
                if rules.all[index].match(batch.events[position], in: batch) != nil { found += 1 }
                if measuring {
                    calls += 1
                    byRule[index] &+= palisade_thread_allocation_count() - before
                }
                slot += 1
            }
            position += 1
        }
        return found
    }

    private func matchAll(_ flow: FlowSummary, measuring: Bool) -> Int {
        var found = 0
        var slot = 0
        while slot < rules.flowRules.count {
            let index = Int(rules.flowRules[slot])
            let before = palisade_thread_allocation_count()
            if rules.all[index].match(flow: flow) != nil { found += 1 }
            if measuring {
                calls += 1
                byRule[index] &+= palisade_thread_allocation_count() - before
            }
            slot += 1
        }
        return found
    }
}

@Suite struct RuleAllocationTests {
    @Test(.enabled(if: palisade_allocation_counting_available() != 0, "counts glibc's allocator only"))
    func matchingAllocatesNothing() throws {
        // Captures on which most rules match: sweeps, malformed PDUs, credentials, remote access.
        var crafted = RemoteAccessRuleTests.plantWithAnHMIAndAPLC()
        crafted.tcp(
            "10.1.0.99", "10.1.0.10", port: 3389, at: 6,
            [
                (.client, RemoteAccessRuleTests.rdpConnectionRequest),
                (.server, RemoteAccessRuleTests.rdpConnectionConfirm),
            ])
        crafted.tcp(
            "10.1.0.20", "52.28.10.1", port: 5938, at: 7,
            [(.client, RemoteAccessRuleTests.teamViewerHello), (.server, RemoteAccessRuleTests.teamViewerHello)])
        for host in 1...12 { crafted.probe("10.1.0.66", "10.2.0.\(host)", port: 502, at: 8 + Double(host) * 0.1) }
        let paths =
            ["modbus-attack", "s7-attack", "enip-attack", "opcua-attack", "iec104-attack", "bacnet-attack", "mixed"]
            .map(peerCapture)
            + ["modbus/modbus_fuzz-72.pcap", "dnp3/DNP3-Malformed.pcap", "it/snmp_v2c_get.pcap"].map(corpusCapture)
            + [try crafted.write("allocation-probe")]
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        configuration.collectOnlyNotableEvents = true
        let probe = MatchAllocationProbe()
        _ = CaptureAnalyzer(configuration: configuration, workers: 1).run(paths, observers: [probe])
        #expect(probe.calls > 1000)
        #expect(probe.hits > 200)
        let culprits = probe.rules.all.indices.filter { probe.byRule[$0] > 0 }.map {
            "\(probe.rules.all[$0].descriptor.id): \(probe.byRule[$0])"
        }
        #expect(culprits == [])
        #expect(probe.allocations == 0)
    }
}
