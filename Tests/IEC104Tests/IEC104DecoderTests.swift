import BinaryParsing
import EventModel
import Testing

@testable import IEC104

/// Annotated APDUs (IEC 60870-5-104 §5; ASDU per IEC 60870-5-101 §7 with 104 field sizes).
enum Samples {
    static let startDataTransferActivation: [UInt8] = [
        0x68, 0x04,  // start, APDU length 4
        0x07, 0x00, 0x00, 0x00,  // U format: STARTDT act (0x01 << 2 | 0b11)
    ]
    static let startDataTransferConfirmation: [UInt8] = [0x68, 0x04, 0x0B, 0x00, 0x00, 0x00]  // STARTDT con
    static let testFrameActivation: [UInt8] = [0x68, 0x04, 0x43, 0x00, 0x00, 0x00]  // TESTFR act
    static let supervisory: [UInt8] = [
        0x68, 0x04,
        0x01, 0x00,  // S format
        0x1A, 0x00,  // receive sequence number 13 (<< 1)
    ]
    static let singleCommand: [UInt8] = [
        0x68, 0x0E,  // APDU length 14
        0x00, 0x00, 0x02, 0x00,  // I format: send 0, receive 1
        0x2D,  // type 45 C_SC_NA_1
        0x01,  // SQ 0, one object
        0x06, 0x00,  // cause 6 activation, originator 0
        0x0A, 0x00,  // common address 10
        0x02, 0x00, 0x00,  // IOA 2
        0x01,  // SCO: ON, execute
    ]
    static let interrogationAnswer: [UInt8] = [
        0x68, 0x1A,  // APDU length 26
        0x04, 0x00, 0x02, 0x00,  // I format
        0x01,  // type 1 M_SP_NA_1
        0x04,  // SQ 0, four objects
        0x14, 0x00,  // cause 20 interrogated by station interrogation
        0x0A, 0x00,  // common address 10
        0x01, 0x00, 0x00, 0x01,  // IOA 1, SIQ on
        0x02, 0x00, 0x00, 0x00,  // IOA 2, SIQ off
        0x03, 0x00, 0x00, 0x01,  // IOA 3
        0x04, 0x00, 0x00, 0x00,  // IOA 4
    ]
    static let periodicSequence: [UInt8] = [
        0x68, 0x1C,  // APDU length 28
        0x06, 0x00, 0x02, 0x00,  // I format
        0x0D,  // type 13 M_ME_NC_1
        0x83,  // SQ 1, three objects
        0x01, 0x00,  // cause 1 periodic
        0x2F, 0x00,  // common address 47
        0x64, 0x00, 0x00,  // IOA 100 (first of the sequence)
        0x00, 0x00, 0x80, 0x3F, 0x00,  // 1.0, QDS
        0x00, 0x00, 0x00, 0x40, 0x00,  // 2.0, QDS
        0x00, 0x00, 0x40, 0x40, 0x00,  // 3.0, QDS
    ]
    static let negativeConfirmation: [UInt8] = [
        0x68, 0x0E,
        0x0A, 0x00, 0x04, 0x00,  // I format
        0x2E,  // type 46 C_DC_NA_1
        0x01,  // one object
        0x47, 0x01,  // cause 7 activation confirmation + P/N negative; originator 1
        0x0D, 0x91,  // common address 37133
        0x98, 0x3A, 0x00,  // IOA 15000
        0x82,  // DCO
    ]
    static let setPoint: [UInt8] = [
        0x68, 0x12,  // APDU length 18
        0x02, 0x00, 0x02, 0x00,  // I format
        0x32,  // type 50 C_SE_NC_1
        0x01,  // one object
        0x06, 0x00,  // activation
        0x2F, 0x00,  // common address 47
        0xBB, 0x0B, 0x00,  // IOA 3003
        0x00, 0x3C, 0x1C, 0x46,  // 9999.0
        0x00,  // QOS
    ]
    static let clockSynchronisation: [UInt8] = [
        0x68, 0x14,  // APDU length 20
        0x0C, 0x00, 0x0B, 0x00,  // I format
        0x67,  // type 103 C_CS_NA_1
        0x01, 0x06, 0x00, 0x2F, 0x00,  // one object, activation, CA 47
        0x00, 0x00, 0x00,  // IOA 0
        0x10, 0x27, 0x1E, 0x0C, 0x1B, 0x0B, 0x1A,  // CP56Time2a
    ]

    static var all: [[UInt8]] {
        [
            startDataTransferActivation, startDataTransferConfirmation, testFrameActivation, supervisory, singleCommand,
            interrogationAnswer, periodicSequence, negativeConfirmation, setPoint, clockSynchronisation,
        ]
    }
    static let allFunctions: [Int64] = [0x01, 0x02, 0x10, 1, 45, 1, 13, 46, 50, 103]
}

@Suite struct IEC104DecoderTests {
    @Test func uFormatFunctions() {
        let (_, events) = decode([Samples.startDataTransferActivation, Samples.startDataTransferConfirmation])
        #expect(events.map(\.function) == [1, 2])
        #expect(events[0].functionName.description == "STARTDT act")
        #expect(events[0].operation == .session)
        #expect(events[0].direction == .request)
        #expect(events[1].direction == .response)
        #expect(events[1].result.status == .ok)
        #expect(events.allSatisfy { $0.protocolID == .iec104 && $0.anomaly == nil })
    }

    @Test func sFormat() {
        let (_, events) = decode([Samples.supervisory], fromClient: false)
        #expect(events.count == 1)
        #expect(events[0].function == 1)
        #expect(events[0].operation == .other)
        #expect(events[0].direction == .response)
    }

    @Test func singleCommandIsAWriteWithTarget() {
        let (_, events) = decode([Samples.singleCommand])
        let event = events[0]
        #expect(event.function == 45)
        #expect(event.functionName.description == "C_SC_NA_1")
        #expect(event.operation == .write)
        #expect(event.direction == .request)
        #expect(event.result.status == .absent)
        #expect(event.target.kind == .iec104Object)
        #expect(event.target.first == 10)
        #expect(event.target.second == 2)
        #expect(event.target.third == 1)  // SCO state ON
        #expect(event.anomaly == nil)
    }

    @Test func interrogationAnswerWalksObjects() {
        let (_, events) = decode([Samples.interrogationAnswer], fromClient: false)
        let event = events[0]
        #expect(event.function == 1)
        #expect(event.operation == .read)
        #expect(event.direction == .response)
        #expect(event.target.second == 1)
        #expect(event.target.fourth == 4)
        #expect(event.anomaly == nil)
    }

    @Test func periodicSequenceIsUnsolicitedData() {
        let (_, events) = decode([Samples.periodicSequence], fromClient: false)
        let event = events[0]
        #expect(event.function == 13)
        #expect(event.operation == .data)
        #expect(event.direction == .unsolicited)
        #expect(event.target.first == 47)
        #expect(event.target.second == 100)
        #expect(event.target.fourth == 3)
        #expect(event.anomaly == nil)
    }

    @Test func negativeConfirmationIsAnError() {
        let (_, events) = decode([Samples.negativeConfirmation], fromClient: false)
        #expect(events[0].result.status == .error)
        #expect(events[0].result.code == 7)
        #expect(events[0].direction == .response)
        #expect(events[0].target.first == 37133)
        #expect(events[0].target.second == 15000)
    }

    @Test func setPointCarriesItsValue() {
        let (_, events) = decode([Samples.setPoint])
        #expect(events[0].function == 50)
        #expect(events[0].operation == .write)
        #expect(events[0].target.second == 3003)
        #expect(events[0].target.third == 9999)
    }

    @Test func clockSynchronisationIsAWrite() {
        let (_, events) = decode([Samples.clockSynchronisation])
        #expect(events[0].function == 103)
        #expect(events[0].operation == .write)
        #expect(events[0].anomaly == nil)
    }

    @Test func operationsByType() {
        func operation(_ type: UInt8, cause: UInt8 = 6) -> Operation {
            TypeIdentification(rawValue: type).operation(cause: cause)
        }
        #expect(operation(36, cause: 3) == .data)
        #expect(operation(13, cause: 20) == .read)
        #expect(operation(46) == .write)
        #expect(operation(100) == .read)
        #expect(operation(101) == .read)
        #expect(operation(102) == .read)
        #expect(operation(103) == .write)
        #expect(operation(104) == .diagnostic)
        #expect(operation(105) == .control)
        #expect(operation(106) == .diagnostic)
        #expect(operation(107) == .diagnostic)
        #expect(operation(112) == .write)
        #expect(operation(122) == .program)
    }

    @Test func severalAPDUsInOneSegment() {
        let stream = Samples.all.flatMap { $0 }
        let (_, events) = decode([stream])
        #expect(events.map(\.function) == Samples.allFunctions)
        #expect(events.allSatisfy { $0.frame == 1 })
    }

    @Test func noiseBeforeStartIsSkippedAndFlagged() {
        let (batch, events) = decode([[0x00, 0x01, 0x02] + Samples.testFrameActivation])
        #expect(events.map(\.function) == [0x10])
        #expect(events[0].anomaly?.kind == IEC104Anomaly.junkBeforeStart)
        #expect(batch.anomalies.counts[IEC104Anomaly.junkBeforeStart] == 1)
    }

    @Test func shortLengthIsDroppedLikeWireshark() {
        // Two noise bytes, then an APDU of length 2 (< 4): framed (prefix + 4 = 6 bytes) and dropped.
        let (batch, events) = decode([[0x00, 0x01, 0x68, 0x02, 0x02, 0x68] + Samples.testFrameActivation])
        #expect(events.map(\.function) == [0x10])
        #expect(batch.anomalies.counts[IEC104Anomaly.apduTooShort] == 1)
    }

    @Test func informationFrameWithoutASDU() {
        let (batch, events) = decode([[0x68, 0x04, 0x16, 0x16, 0x16, 0x16]])
        #expect(events.isEmpty)
        #expect(batch.anomalies.counts[IEC104Anomaly.missingASDU] == 1)
    }

    @Test func truncatedASDUStillReportsItsType() {
        // TestDissectIec104 frame 83: ASDU of four octets only.
        let (_, events) = decode([[0x68, 0x08, 0x1A, 0x1A, 0x1A, 0x1A, 0x1A, 0x1A, 0x1A, 0x1A]])
        #expect(events.map(\.function) == [26])
        #expect(events[0].anomaly?.kind == IEC104Anomaly.truncatedASDU)
    }

    @Test func invalidUFunction() {
        let (_, events) = decode([[0x68, 0x05, 0x17, 0x17, 0x17, 0x17, 0x17]])
        #expect(events.map(\.function) == [5])
        #expect(events[0].anomaly?.kind == IEC104Anomaly.invalidUFunction)
    }

    @Test func splitAtEveryOffset() throws {
        let stream = Samples.all.flatMap { $0 }
        for split in 0...stream.count {
            let (_, events) = decode([Array(stream[..<split]), Array(stream[split...])])
            #expect(events.map(\.function) == Samples.allFunctions, "split at \(split)")
        }
        // One byte at a time: each APDU completes on the frame carrying its last byte.
        let (_, events) = decode(stream.map { [$0] })
        try #require(events.map(\.function) == Samples.allFunctions)
        var end = 0
        for (index, apdu) in Samples.all.enumerated() {
            end += apdu.count
            #expect(events[index].frame == UInt64(end))
        }
    }

    @Test func sendSequenceGapIsFlagged() {
        // N(S) 0, then 1 (expected), then 5 (two APDUs skipped … or injected).
        func command(send: UInt16) -> [UInt8] {
            var bytes = Samples.singleCommand
            bytes[2] = UInt8((send << 1) & 0xFF)
            bytes[3] = UInt8(send >> 7)
            return bytes
        }
        let (batch, events) = decode([command(send: 0), command(send: 1), command(send: 5), command(send: 6)])
        #expect(events.map { $0.anomaly?.kind } == [nil, nil, IEC104Anomaly.sequenceGap, nil])
        #expect(events[2].anomaly?.value == 5)
        #expect(batch.anomalies.counts[IEC104Anomaly.sequenceGap] == 1)
    }

    @Test func gapDropsThePartialAPDU() {
        let decoder = IEC104StreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = true
        ByteView.with(Array(Samples.singleCommand.prefix(7))) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(9, context: context, events: batch)
        ByteView.with(Samples.testFrameActivation) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.function) == [0x10])
        #expect(batch.anomalies.counts[IEC104Anomaly.streamGap] == 1)
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(seed: 0x1EC_104)
        var total = 0
        for round in 0..<3000 {
            var bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            if round % 3 == 0 {  // plausible starts make the decoder go deeper
                for index in stride(from: 0, to: bytes.count, by: Int.random(in: 6...40, using: &generator)) {
                    bytes[index] = 0x68
                }
            }
            if round % 5 == 0, let sample = Samples.all.randomElement(using: &generator) { bytes = sample + bytes }
            var chunks: [[UInt8]] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...max(1, rest.count), using: &generator)
                chunks.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            let (_, events) = decode(chunks, fromClient: round % 2 == 0)
            total += events.count
            _ = IEC104Protocol.probe(ByteView.with(bytes) { $0 }, true)
        }
        #expect(total > 0)
    }

    @Test func probe() {
        func probe(_ bytes: [UInt8]) -> ProbeResult { ByteView.with(bytes) { IEC104Protocol.probe($0, true) } }
        #expect(probe(Samples.startDataTransferActivation) == .match)
        #expect(probe(Samples.singleCommand + Samples.supervisory) == .match)
        #expect(probe([0x68, 0x04]) == .needMoreBytes)
        #expect(probe([0x16, 0x03, 0x01, 0x00, 0x10, 0x01]) == .noMatch)
        #expect(probe([0x68, 0x04, 0x07, 0x00, 0x00, 0x00, 0x47]) == .noMatch)  // trailing noise
        #expect(ByteView.with(Samples.supervisory) { IEC104Protocol.probe($0, false) } == .noMatch)
    }
}
