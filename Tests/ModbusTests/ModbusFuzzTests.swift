import BinaryParsing
import EventModel
import Modbus
import Testing

/// Hostile input never traps: random bytes, and random PDUs behind valid headers (which reach the
/// function parsers), cut into random segments with random gaps. Deterministic seed.
@Suite struct ModbusFuzzTests {
    static let interestingFunctions: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 15, 16, 17, 20, 21, 22, 23, 24, 43, 90]

    static func randomInput(_ generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            if Bool.random(using: &generator) {
                bytes += (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
            } else {
                var function = interestingFunctions.randomElement(using: &generator)!
                if Int.random(in: 0..<4, using: &generator) == 0 { function |= 0x80 }
                let body = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
                bytes += adu(transaction: UInt16.random(in: 0...3, using: &generator), unit: 1, pdu: [function] + body)
            }
        }
        return bytes
    }

    @Test func randomInputNeverTraps() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        var eventCount = 0
        for _ in 0..<1000 {
            let stream = ModbusStreamDecoder()
            let datagram = ModbusDatagramDecoder()
            let batch = EventBatch()
            var context = PacketContext()
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let input = Self.randomInput(&generator)
                context.fromClient = Bool.random(using: &generator)
                context.frame += 1
                var offset = 0
                while offset < input.count {
                    let end = min(input.count, offset + Int.random(in: 1...80, using: &generator))
                    ByteView.with(Array(input[offset..<end])) { stream.receive($0, context: context, events: batch) }
                    offset = end
                    if Int.random(in: 0..<20, using: &generator) == 0 { stream.gap(1, context: context, events: batch) }
                }
                ByteView.with(input) { datagram.receive($0, context: context, events: batch) }
                _ = ByteView.with(input) { ModbusProbe.probe($0, true) }
            }
            stream.finish(events: batch)
            // Format every event as the JSON writer would read it: text must resolve.
            for event in batch.events { _ = DecodedEvent(event, in: batch) }
            eventCount += batch.events.count
        }
        #expect(eventCount > 1000)
    }
}
