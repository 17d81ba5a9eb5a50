import BinaryParsing
import EtherNetIP
import EventModel
import Testing

@Suite struct EtherNetIPStreamRobustnessTests {
    /// RegisterSession + SendRRData(Get_Attributes_All) + SendUnitData(MSP) in one client byte stream.
    static let clientStream: [UInt8] =
        Wire.encapsulation(command: 0x0065, session: 0, data: [0x01, 0x00, 0x00, 0x00])
        + Wire.sendRRData([0x01, 0x02, 0x20, 0x01, 0x24, 0x01])
        + Wire.sendUnitData(
            [
                0x0A, 0x02, 0x20, 0x02, 0x24, 0x01,  // MSP to the Message Router
                0x02, 0x00, 0x06, 0x00, 0x0C, 0x00,  // two services
                0x0E, 0x02, 0x20, 0x01, 0x24, 0x01,  // Get_Attribute_Single class 1 instance 1
                0x4C, 0x02, 0x91, 0x01, 0x58, 0x00, 0x01, 0x00,  // Read Tag "X", 1 element
            ], connection: 0x4242, sequence: 1)

    static func events(_ chunks: [[UInt8]]) -> [String] {
        let harness = Harness()
        for chunk in chunks { harness.tcp(chunk, fromClient: true) }
        return harness.events.map { "\($0.protocolID.name) \($0.function) \($0.operation.name) \(harness.text($0))" }
    }

    @Test func splitAtEveryOffset() {
        let whole = Self.events([Self.clientStream])
        #expect(whole.count == 1 + 2 + 4)  // register; enip + cip; enip + MSP + 2 embedded
        for cut in 1..<Self.clientStream.count {
            let split = Self.events([Array(Self.clientStream[..<cut]), Array(Self.clientStream[cut...])])
            #expect(split == whole, "split at \(cut)")
        }
        let dripped = Self.events(Self.clientStream.map { [$0] })
        #expect(dripped == whole)
    }

    /// The event completing a PDU carries the frame of the segment that completed it.
    @Test func frameIsTheCompletingSegment() {
        let harness = Harness()
        let pdu = Wire.sendRRData([0x01, 0x02, 0x20, 0x01, 0x24, 0x01])
        harness.tcp(Array(pdu[..<10]), fromClient: true)
        harness.tcp(Array(pdu[10...]), fromClient: true)
        #expect(harness.events.map(\.frame) == [2, 2])
    }

    /// After lost bytes the framer skips segments until one starts with a plausible header.
    @Test func gapResynchronises() {
        let harness = Harness()
        let pdu = Wire.sendRRData([0x01, 0x02, 0x20, 0x01, 0x24, 0x01])
        harness.tcp(Array(pdu[..<30]), fromClient: true)
        harness.gap(fromClient: true)
        harness.tcp(Array(pdu[40...]), fromClient: true)  // the tail of the lost PDU: skipped
        harness.tcp(pdu, fromClient: true)
        #expect(harness.summary == ["3 enip 111 request", "3 cip 1 request"])
        #expect(harness.batch.anomalies.counts[EtherNetIPAnomaly.resynchronised] == 1)
    }

    /// Multiple Service Packets nested five deep, 50 services each, all offsets equal: entries are
    /// empty but the last (flagged), nesting past the cap is flagged, and the work stays bounded.
    @Test func overlappingNestedServicesAreBounded() {
        var message: [UInt8] = [0x0E, 0x02, 0x20, 0x01, 0x24, 0x01]  // innermost: Get_Attribute_Single
        for _ in 0..<5 {
            let services = 50
            let start = 2 + 2 * services
            let table = Wire.le16(services) + Array(repeating: Wire.le16(start), count: services).flatMap { $0 }
            message = [0x0A, 0x02, 0x20, 0x02, 0x24, 0x01] + table + message
        }
        let harness = Harness()
        harness.tcp(Wire.sendRRData(message), fromClient: true)
        #expect(harness.events.count <= 1 + 1024)
        #expect(harness.batch.anomalies.counts[EtherNetIPAnomaly.nestingTooDeep, default: 0] > 0)
    }

    /// Random and mutated input, split at random points, over TCP and both UDP ports: never traps,
    /// and never produces more events than bytes.
    @Test func randomGarbageNeverTraps() {
        var random = SplitMix64(seed: 0x454E_4950)
        let seeds: [[UInt8]] = [
            Self.clientStream,
            Wire.sendRRData([
                0x52, 0x02, 0x20, 0x06, 0x24, 0x01, 0x0A, 0x0E, 0x06, 0x00, 0x01, 0x02, 0x20, 0x01, 0x24, 0x01, 0x01,
                0x00, 0x01, 0x00,
            ]),
            Wire.sendUnitData(
                [
                    0x8A, 0x00, 0x00, 0x00, 0x02, 0x00, 0x06, 0x00, 0x0A, 0x00, 0x8E, 0x00, 0x00, 0x00, 0xCC, 0x00,
                    0x00, 0x00,
                ], connection: 1, sequence: 1),
            Wire.encapsulation(
                command: 0x0063, data: [0x01, 0x00, 0x0C, 0x00, 0x10, 0x00] + Array(repeating: 0x41, count: 16)),
        ]
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = seeds[Int(random.next() % UInt64(seeds.count))]
                for _ in 0..<(1 + Int(random.next() % 6)) where !bytes.isEmpty {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] = UInt8(truncatingIfNeeded: random.next())
                }
                if random.next() % 4 == 0 { bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1)))) }
            }
            let harness = Harness()
            let cut = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            harness.tcp(Array(bytes[..<cut]), fromClient: round % 2 == 0)
            harness.tcp(Array(bytes[cut...]), fromClient: round % 2 == 0)
            if round % 5 == 0 { harness.gap(fromClient: true) }
            harness.tcp(bytes, fromClient: round % 2 == 1)
            harness.udp(bytes, fromClient: round % 2 == 0)
            harness.udp(bytes, fromClient: true, ioPort: true)
            #expect(harness.events.count <= 3 * bytes.count + 3)
        }
    }
}

/// Deterministic generator for the garbage test (SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
