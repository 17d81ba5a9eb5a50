import AllocationCounter
import Detection
import EventModel
import PacketLayers
import Testing

/// `UserRule.match` runs on the packet path for every notable event: once the rules are
/// compiled it must not allocate, whatever it compares (networks, function sets, ranges, glob
/// and topic patterns over the batch's text, the distinct value's hash).
@Suite struct UserRuleAllocationTests {
    @Test(.enabled(if: palisade_allocation_counting_available() != 0, "counts glibc's allocator only"))
    func matchingDoesNotAllocate() throws {
        let rules = userRules(
            """
            - id: registers
              title: registers
              match:
                protocol: modbus
                function: [6, 16]
                operation: [write, control]
                direction: request
                source: [10.77.9.0/24, fd00::/8]
                destination: 10.77.2.10
                target: {table: holding_registers, start: 0, end: 9, unit: 1}
            - id: tags
              title: tags
              match: {protocol: cip, target: {tag: "Pump_*"}}
              distinct: {field: target, count: 3, seconds: 10}
            - id: topics
              title: topics
              match: {protocol: mqtt, target: {topic: "plant/+/level"}}
              threshold: {count: 3, seconds: 10, per: pair}
            """)
        #expect(rules.count == 3)
        let batch = EventBatch(collecting: true)
        var context = PacketContext()
        context.source = try #require(IPAddress("10.77.9.66"))
        context.destination = try #require(IPAddress("10.77.2.10"))
        var write = ProtocolEvent()
        write.protocolID = .modbus
        write.function = 16
        write.operation = .write
        write.direction = .request
        write.target = EventTarget(kind: .modbusRange, 4, 5, 10, 1)
        batch.emit(write, context: context)
        var tag = ProtocolEvent()
        tag.protocolID = .cip
        tag.function = 0x4D
        tag.operation = .write
        tag.target = EventTarget(kind: .cipPath)
        tag.target.text = batch.text("Pump_Run")
        batch.emit(tag, context: context)
        var topic = ProtocolEvent()
        topic.protocolID = .mqtt
        topic.function = 3
        topic.operation = .write
        topic.target = EventTarget(kind: .mqttTopic)
        topic.target.text = batch.text("plant/line1/level")
        batch.emit(topic, context: context)
        #expect(batch.events.count == 3)

        var hits = 0
        // Index loops: a `for … in` over an array allocates per loop in debug builds.
        let events = batch.events
        func round() {
            var eventIndex = 0
            while eventIndex < events.count {
                var ruleIndex = 0
                while ruleIndex < rules.count {
                    if rules[ruleIndex].match(events[eventIndex], in: batch) != nil { hits += 1 }
                    ruleIndex += 1
                }
                eventIndex += 1
            }
        }
        round()
        #expect(hits == 3)
        let before = palisade_thread_allocation_count()
        for _ in 0..<10_000 { round() }
        let allocations = palisade_thread_allocation_count() - before
        #expect(hits == 3 * 10_001)
        #expect(allocations == 0, "\(allocations) allocations for 30,000 matches")
    }
}
