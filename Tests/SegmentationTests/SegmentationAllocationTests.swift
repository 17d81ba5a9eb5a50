import AllocationCounter
import Detection
import EventModel
import Monitor
import Segmentation
import Testing

/// Runs every segmentation rule on every notable event and every ended flow of `mixed` (with a
/// policy under which all of them find something) and counts the heap allocations the matching
/// makes. Each call runs twice: the first warms what the runtime sets up once.
final class SegmentationAllocationProbe: PacketPathObserver {
    let rules: [any ThreatRule]
    var allocations: UInt64 = 0
    var calls = 0
    var hits = 0
    /// Allocations by rule, to name a culprit.
    var byRule: [Int: UInt64] = [:]

    init(rules: [any ThreatRule]) { self.rules = rules }

    // `while` loops: an unoptimised `for` allocates its iterator, which is not what is measured.
    func observe(_ batch: EventBatch) {
        var position = 0
        while position < batch.events.count {
            var index = 0
            while index < rules.count {
                _ = rules[index].match(batch.events[position], in: batch)
                let before = palisade_thread_allocation_count()
                if rules[index].match(batch.events[position], in: batch) != nil { hits += 1 }
                let made = palisade_thread_allocation_count() - before
                allocations += made
                if made > 0 { byRule[index, default: 0] += made }
                calls += 1
                index += 1
            }
            position += 1
        }
    }

    func flowEnded(_ flow: FlowSummary) {
        var index = 0
        while index < rules.count {
            _ = rules[index].match(flow: flow)
            let before = palisade_thread_allocation_count()
            if rules[index].match(flow: flow) != nil { hits += 1 }
            let made = palisade_thread_allocation_count() - before
            allocations += made
            if made > 0 { byRule[index, default: 0] += made }
            calls += 1
            index += 1
        }
    }
}

@Suite struct SegmentationAllocationTests {
    @Test(.enabled(if: palisade_allocation_counting_available() != 0, "counts glibc's allocator only"))
    func matchingAllocatesNothing() throws {
        let text =
            readmeZonesYAML.replacingOccurrences(
                of: "cidrs: [10.77.9.0/24]\n    purdue_level: 2", with: "cidrs: [10.77.9.0/24]\n    purdue_level: 4")
                + """

                conduits:
                  - name: rogue-reads-plc1
                    from: rogue-segment
                    to: control
                    protocols: [modbus]
                    ports: [502]
                    operations: [read]
                """
        let policy = try ZonePolicyReader.parse(text, file: "test.yaml")
        let probe = SegmentationAllocationProbe(
            rules: SegmentationRules.make(policy: policy, baseline: try mixedNormalBaseline()))
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        configuration.collectOnlyNotableEvents = true
        _ = CaptureAnalyzer(configuration: configuration, workers: 1).run([mixedCapture], observers: [probe])
        #expect(probe.calls > 500)
        #expect(probe.hits > 20)
        let culprits = probe.byRule.keys.sorted().map { "\(probe.rules[$0].descriptor.id): \(probe.byRule[$0]!)" }
        #expect(culprits == [])
        #expect(probe.allocations == 0)
    }
}
