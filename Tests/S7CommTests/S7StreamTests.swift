import BinaryParsing
import EventModel
import Testing

@testable import S7Comm

@Suite struct S7StreamTests {
    /// A client stream: CR, setup communication, read var, and a write var split into two COTP
    /// DT TPDUs (EOT clear on the first).
    static var clientStream: [UInt8] {
        let setup: [UInt8] = [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0]
        let writeParameters: [UInt8] = [
            0x05, 0x01, 0x12, 0x0A, 0x10, 0x02, 0x00, 0x02, 0x00, 0x05, 0x84, 0x00, 0x00, 0x40,
        ]
        let writeData: [UInt8] = [0x00, 0x04, 0x00, 0x10, 0x12, 0x34]
        let write =
            s7Header(rosctr: 1, reference: 3, parameterLength: writeParameters.count, dataLength: writeData.count)
            + writeParameters + writeData
        return COTPTests.connectionRequest
            + s7PDU(rosctr: 1, reference: 1, parameters: setup)
            + s7PDU(rosctr: 1, reference: 2, parameters: S7JobTests.readVarParameters)
            + tpktDT(Array(write[..<9]), endOfTSDU: false) + tpktDT(Array(write[9...]))
    }

    static func decodeAll(_ segments: [[UInt8]]) -> [String] {
        let harness = S7Harness()
        for segment in segments { harness.send(segment, fromClient: true, frame: 1) }
        return harness.summary
    }

    @Test func wholeStreamDecodes() {
        let harness = S7Harness()
        harness.send(Self.clientStream, fromClient: true)
        #expect(harness.events.map(\.function) == [0xE0, 0xF0, 0x04, 0x05])
        #expect(harness.events.allSatisfy { $0.anomaly == nil })
        #expect(harness.events[3].target.second == 5)
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let stream = Self.clientStream
        let expected = Self.decodeAll([stream])
        #expect(expected.count == 4)
        for split in 0...stream.count {
            let actual = Self.decodeAll([Array(stream[..<split]), Array(stream[split...])])
            #expect(actual == expected, "split at \(split)")
        }
    }

    @Test func dripFeedingOneByteAtATime() {
        let stream = Self.clientStream
        #expect(Self.decodeAll(stream.map { [$0] }) == Self.decodeAll([stream]))
    }

    @Test func badVersionIsAnAnomalyAndTheStreamResynchronises() {
        let setup = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        var corrupt = setup
        corrupt[0] = 0x04  // TPKT version 4
        let harness = S7Harness()
        harness.send(setup + corrupt + setup, fromClient: true)
        #expect(harness.events.count == 3)
        #expect(harness.events[0].function == 0xF0)
        #expect(harness.events[1].anomaly?.kind == S7CommAnomaly.invalidTPKT)
        #expect(harness.events[2].function == 0xF0)
        #expect(harness.batch.anomalies.counts[S7CommAnomaly.invalidTPKT] == 1)
    }

    @Test func shortTPKTLengthIsAnAnomaly() {
        let setup = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        let harness = S7Harness()
        harness.send(setup + [0x03, 0x00, 0x00, 0x03] + setup, fromClient: true)
        #expect(harness.events.map(\.function) == [0xF0, -1, 0xF0])
        #expect(harness.events[1].anomaly?.kind == S7CommAnomaly.invalidTPKT)
    }

    @Test func midStreamStartSkipsSilentlyToTheFirstHeader() {
        let setup = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        let harness = S7Harness()
        harness.send(Array(setup[9...]) + setup, fromClient: true)  // the tail of a PDU, then a whole one
        #expect(harness.events.map(\.function) == [0xF0])
        #expect(harness.events[0].anomaly == nil)
    }

    @Test func unknownROSCTRIsAnAnomaly() {
        var pdu = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        pdu[8] = 0x09  // ROSCTR 9
        let harness = S7Harness()
        harness.send(pdu, fromClient: true)
        #expect(harness.events.count == 1)
        #expect(harness.events[0].anomaly?.kind == S7CommAnomaly.invalidROSCTR)
        #expect(harness.events[0].function == -1)
    }

    @Test func textBuilderFormatsExtremes() {
        var text = S7Comm.TextBuilder()
        text.append(Int.min)
        text.append(" ")
        text.append(0)
        #expect(text.string == "-9223372036854775808 0")
    }

    @Test func gapDropsThePartialPDU() {
        let setup = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        let harness = S7Harness()
        harness.send(Array(setup[..<12]), fromClient: true)
        harness.gap(fromClient: true)
        harness.send(setup, fromClient: true)
        #expect(harness.events.map(\.function) == [0xF0])
        #expect(harness.events[0].anomaly == nil)
    }

    @Test func directionsAreFramedIndependently() {
        let job = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        let ack = s7PDU(rosctr: 3, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0xF0])
        let harness = S7Harness()
        harness.send(Array(job[..<10]), fromClient: true)
        harness.send(Array(ack[..<5]), fromClient: false)
        harness.send(Array(job[10...]), fromClient: true)
        harness.send(Array(ack[5...]), fromClient: false)
        #expect(harness.events.map(\.direction) == [.request, .response])
        #expect(harness.events[1].result.status == .ok)
    }

    @Test func pendingJobsAreBounded() {
        let harness = S7Harness()
        for reference in 0..<(S7PendingJobs.capacity + 10) {
            harness.send(
                s7PDU(rosctr: 1, reference: UInt16(reference), parameters: [0x29, 0, 0, 0, 0, 0, 0]), fromClient: true)
        }
        #expect(harness.batch.anomalies.counts[S7CommAnomaly.pendingOverflow] == 10)
    }

    @Test func oversizedDTSequenceIsDropped() {
        let chunk = tpktDT([UInt8](repeating: 0x32, count: 60_000), endOfTSDU: false)
        let setup = s7PDU(rosctr: 1, reference: 1, parameters: [0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0])
        let harness = S7Harness()
        harness.send(chunk + chunk + tpktDT([0x32]) + setup, fromClient: true)
        #expect(harness.events.first?.anomaly?.kind == S7CommAnomaly.reassemblyOverflow)
        #expect(harness.events.last?.function == 0xF0)
        #expect(harness.events.count == 2)
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(seed: 0x5EED_5702)
        let templates: [[UInt8]] = [
            Self.clientStream,
            s7PDU(
                rosctr: 3, reference: 2, parameters: [0x04, 0x02],
                data: [0xFF, 0x04, 0x00, 0x20, 1, 2, 3, 4, 0x0A, 0, 0, 0]),
            s7PDU(
                rosctr: 7, reference: 3,
                parameters: S7UserdataTests.parameters(type: 8, group: 4, subfunction: 1, response: true),
                data: S7UserdataTests.data(
                    [0x00, 0x1C, 0x00, 0x00, 0x00, 0x22, 0x00, 0x02] + [UInt8](repeating: 0x41, count: 68))),
        ]
        for round in 0..<3000 {
            let harness = S7Harness()
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int.random(in: 0..<600, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
            } else {
                bytes = templates[round % templates.count]
                for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
                if Bool.random(using: &generator) {
                    bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                }
            }
            var offset = 0
            while offset < bytes.count {
                let length = Int.random(in: 1...64, using: &generator)
                let end = min(bytes.count, offset + length)
                harness.send(Array(bytes[offset..<end]), fromClient: Bool.random(using: &generator))
                if Int.random(in: 0..<50, using: &generator) == 0 {
                    harness.gap(fromClient: Bool.random(using: &generator))
                }
                offset = end
            }
            harness.decoder.finish(events: harness.batch)
        }
    }
}
