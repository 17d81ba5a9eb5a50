import BinaryParsing
import EventModel
import Testing

@testable import DNP3

@Suite struct DNP3RobustnessTests {
    typealias Support = DNP3TestSupport

    /// Two requests and a two-frame response, as one direction-tagged byte sequence.
    static var conversation: [(bytes: [UInt8], fromClient: Bool)] {
        var response: [UInt8] = [0xC8, 0x81, 0x00, 0x00, 0x1E, 0x02, 0x00, 0x00, 0x3F]
        response += [UInt8](repeating: 0x01, count: 64 * 3)
        return [
            (DNP3UnitTests.readClasses, true),
            (Support.frames(fragment: response, control: 0x44, segmentSize: 120).flatMap { $0 }, false),
            (DNP3UnitTests.selectCROB, true),
        ]
    }

    static func summary(_ events: EventBatch) -> [String] {
        events.events.map { "\($0.function) \($0.operation.name) \($0.target.first):\($0.target.second)" }
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let whole = DNP3StreamDecoder()
        let expectedBatch = EventBatch()
        for part in Self.conversation {
            ByteView.with(part.bytes) {
                whole.receive($0, context: Support.context(fromClient: part.fromClient), events: expectedBatch)
            }
        }
        let expected = Self.summary(expectedBatch)
        #expect(expected == ["1 read 60:2", "129 read 30:2", "3 write 12:1"])
        for (index, part) in Self.conversation.enumerated() {
            for split in 0...part.bytes.count {
                let decoder = DNP3StreamDecoder()
                let events = EventBatch()
                for (other, piece) in Self.conversation.enumerated() {
                    let context = Support.context(fromClient: piece.fromClient)
                    if other == index {
                        ByteView.with(Array(piece.bytes[..<split])) {
                            decoder.receive($0, context: context, events: events)
                        }
                        ByteView.with(Array(piece.bytes[split...])) {
                            decoder.receive($0, context: context, events: events)
                        }
                    } else {
                        ByteView.with(piece.bytes) { decoder.receive($0, context: context, events: events) }
                    }
                }
                #expect(Self.summary(events) == expected, "split of part \(index) at \(split)")
            }
        }
    }

    @Test func byteByByteGivesTheSameEvents() {
        let decoder = DNP3StreamDecoder()
        let events = EventBatch()
        for part in Self.conversation {
            for byte in part.bytes {
                ByteView.with([byte]) {
                    decoder.receive($0, context: Support.context(fromClient: part.fromClient), events: events)
                }
            }
        }
        #expect(Self.summary(events) == ["1 read 60:2", "129 read 30:2", "3 write 12:1"])
    }

    @Test func gapDropsThePartialFrame() {
        let decoder = DNP3StreamDecoder()
        let events = EventBatch()
        let context = Support.context()
        let frame = DNP3UnitTests.readClasses
        ByteView.with(Array(frame.prefix(12))) { decoder.receive($0, context: context, events: events) }
        decoder.gap(100, context: context, events: events)
        ByteView.with(frame) { decoder.receive($0, context: context, events: events) }
        #expect(events.events.count == 1)
    }

    /// A deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomGarbageNeverTraps() {
        var random = SplitMix64(state: 0xD9F3)
        let stream = DNP3StreamDecoder()
        let datagram = DNP3DatagramDecoder()
        let events = EventBatch()
        for round in 0..<4000 {
            let count = Int.random(in: 0...400, using: &random)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Half the inputs start with a valid header so the deeper layers see garbage too.
            if round % 2 == 0, bytes.count >= 10 {
                bytes[0] = 0x05
                bytes[1] = 0x64
                bytes[3] = bytes[3] | 0x04
                var header = Array(bytes[0..<8])
                Support.appendCRC(&header)
                bytes.replaceSubrange(0..<10, with: header)
            }
            let context = Support.context(frame: UInt64(round + 1), fromClient: round % 3 != 0)
            ByteView.with(bytes) {
                stream.receive($0, context: context, events: events)
                datagram.receive($0, context: context, events: events)
            }
            if round % 97 == 0 { stream.gap(10, context: context, events: events) }
            if events.events.count > 1000 { events.reset() }
        }
    }

    @Test func validFramesWithRandomApplicationDataNeverTrap() {
        var random = SplitMix64(state: 0x1815)
        let decoder = DNP3StreamDecoder()
        let events = EventBatch()
        for round in 0..<3000 {
            let count = Int.random(in: 0...600, using: &random)
            var fragment = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            if fragment.count > 1, round % 2 == 0 {
                fragment[1] = [0, 1, 2, 3, 4, 5, 13, 25, 129, 130][Int.random(in: 0..<10, using: &random)]
            }
            let frames = Support.frames(fragment: fragment, firstSequence: UInt8(round & 0x3F))
            for frame in frames {
                ByteView.with(frame) {
                    decoder.receive($0, context: Support.context(frame: UInt64(round)), events: events)
                }
            }
            if events.events.count > 1000 { events.reset() }
        }
    }
}
