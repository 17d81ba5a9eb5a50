import BACnet
import BinaryParsing
import EventModel
import Testing

/// Random and mutated datagrams never trap or hang the decoder (deterministic seeds).
@Suite struct BACnetFuzzTests {
    @Test func randomDatagramsNeverTrap() {
        var generator = SeededGenerator(seed: 0xBAC0)
        let decoder = BACnetDatagramDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        for round in 0..<4000 {
            let length = Int.random(in: 0...96, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0 && bytes.count >= 6 {
                // A plausible BVLC/NPDU header so the APDU and tag code is reached.
                bytes[0] = 0x81
                bytes[1] = [0x0A, 0x0B, 0x04, 0x09][round / 2 % 4]
                bytes[2] = UInt8(bytes.count >> 8)
                bytes[3] = UInt8(bytes.count & 0xFF)
                bytes[4] = 0x01
                if round % 4 == 0 { bytes[5] &= 0x04 }
            }
            context.frame = UInt64(round + 1)
            context.fromClient = round % 3 != 0
            ByteView.with(bytes) { decoder.receive($0, context: context, events: batch) }
            if round % 500 == 0 { batch.reset() }
        }
    }

    @Test func mutatedValidPDUsNeverTrap() {
        var generator = SeededGenerator(seed: 47808)
        let seeds = [BACnetPDUTests.readObjectName, BACnetPDUTests.objectNameACK]
        let decoder = BACnetDatagramDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        for round in 0..<4000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 4..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 5 == 0 { bytes.removeLast(Int.random(in: 0...(bytes.count - 4), using: &generator)) }
            bytes[2] = UInt8(bytes.count >> 8)
            bytes[3] = UInt8(bytes.count & 0xFF)
            context.frame = UInt64(round + 1)
            context.fromClient = round % 2 == 0
            ByteView.with(bytes) { decoder.receive($0, context: context, events: batch) }
            if round % 500 == 0 { batch.reset() }
        }
    }
}
