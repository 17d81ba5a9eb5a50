import BinaryParsing
import EventModel
import Modbus
import Testing

/// TCP framing: ADUs split across and joined within segments (Messaging on TCP/IP guide §4.3.1).
@Suite struct ModbusStreamTests {
    static let requests =
        ModbusExchangeTests.readHoldingRequest
        + adu(transaction: 2, unit: 1, pdu: [0x2B, 0x0E, 0x01, 0x00])
    static let responses =
        ModbusExchangeTests.readHoldingResponse
        + adu(transaction: 2, unit: 1, pdu: [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x03] + Array("ABB".utf8))

    /// Events without frame numbers: a split changes which segment completes an ADU.
    static func withoutFrames(_ events: [DecodedEvent]) -> [DecodedEvent] {
        events.map {
            var event = $0
            event.frame = 0
            return event
        }
    }

    @Test func streamCutAtEveryOffsetGivesTheSameEvents() {
        let whole = Self.withoutFrames(
            decodeStream([
                Segment(bytes: Self.requests, fromClient: true), Segment(bytes: Self.responses, fromClient: false),
            ]))
        #expect(whole.count == 4)
        #expect(whole[3].identity == ["vendor=ABB"])
        for requestCut in 0...Self.requests.count {
            for responseCut in stride(from: 0, through: Self.responses.count, by: 1) {
                let events = decodeStream([
                    Segment(bytes: Array(Self.requests[..<requestCut]), fromClient: true),
                    Segment(bytes: Array(Self.requests[requestCut...]), fromClient: true),
                    Segment(bytes: Array(Self.responses[..<responseCut]), fromClient: false),
                    Segment(bytes: Array(Self.responses[responseCut...]), fromClient: false),
                ])
                #expect(Self.withoutFrames(events) == whole, "cut at \(requestCut)/\(responseCut)")
            }
        }
    }

    @Test func dripFeedOneByteAtATime() {
        let segments =
            Self.requests.map { Segment(bytes: [$0], fromClient: true) }
            + Self.responses.map { Segment(bytes: [$0], fromClient: false) }
        let whole = decodeStream([
            Segment(bytes: Self.requests, fromClient: true), Segment(bytes: Self.responses, fromClient: false),
        ])
        #expect(Self.withoutFrames(decodeStream(segments)) == Self.withoutFrames(whole))
    }

    @Test func severalADUsInOneSegmentShareItsFrame() {
        let three = Self.requests + ModbusExchangeTests.readHoldingRequest
        let events = decodeStream([Segment(bytes: three, fromClient: true, frame: 7)])
        #expect(events.map(\.frame) == [7, 7, 7])
        #expect(events.map(\.function) == [3, 43, 3])
    }

    @Test func invalidHeaderDropsTheRestOfTheSegmentAndResynchronises() {
        var bad = ModbusExchangeTests.readHoldingRequest
        bad[2] = 0x01  // protocol identifier 0x0100: not Modbus
        let events = decodeStream([
            Segment(bytes: bad + ModbusExchangeTests.readHoldingRequest, fromClient: true),
            Segment(bytes: ModbusExchangeTests.readHoldingRequest, fromClient: true),
        ])
        #expect(events.map(\.anomaly) == ["modbus.invalid_mbap", ""])
        #expect(events.map(\.function) == [-1, 3])
        #expect(events.map(\.frame) == [1, 2])
    }

    @Test func lengthOutsideTheLimitsIsInvalid() {
        let tooShort: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01]
        let tooLong: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x04, 0x01, 0x01, 0x03]
        #expect(decodeStream([Segment(bytes: tooShort, fromClient: true)]).map(\.anomaly) == ["modbus.invalid_mbap"])
        #expect(decodeStream([Segment(bytes: tooLong, fromClient: true)]).map(\.anomaly) == ["modbus.invalid_mbap"])
    }

    @Test func invalidHeaderCompletedAcrossSegmentsIsRejected() {
        // The protocol identifier arrives in the second segment.
        let events = decodeStream([
            Segment(bytes: [0x00, 0x01, 0x00], fromClient: true),
            Segment(bytes: [0x07, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01], fromClient: true),
            Segment(bytes: ModbusExchangeTests.readHoldingRequest, fromClient: true),
        ])
        #expect(events.map(\.anomaly) == ["modbus.invalid_mbap", ""])
    }

    @Test func oversizedADUIsDecodedAndFlagged() {
        // Schneider tools send 255 (one past the specification's 254), as in modicon_test.pcap.
        let request = adu(
            transaction: 7, unit: 0, pdu: [0x5A, 0x00, 0x0A, 0x00] + [UInt8](repeating: 0x54, count: 250))
        #expect(request.count == 261)
        let events = decodeStream([
            Segment(bytes: Array(request[..<100]), fromClient: true),
            Segment(bytes: Array(request[100...]), fromClient: true),
        ])
        #expect(events.map(\.function) == [90])
        #expect(events.map(\.name) == ["REPEAT"])
        #expect(events.map(\.anomaly) == ["modbus.oversized_adu"])
    }

    @Test func gapDropsThePartialADU() {
        let decoder = ModbusStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = true
        let request = ModbusExchangeTests.readHoldingRequest
        ByteView.with(Array(request[..<5])) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(20, context: context, events: batch)
        ByteView.with(request) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.count == 1)
        #expect(batch.events.first?.function == 3)
        #expect(batch.events.first?.anomaly == nil)
    }

    @Test func datagramsCarryWholeADUs() {
        let decoder = ModbusDatagramDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = true
        ByteView.with(ModbusExchangeTests.readHoldingRequest) { decoder.receive($0, context: context, events: batch) }
        ByteView.with(Array(ModbusExchangeTests.readHoldingRequest.dropLast())) {
            decoder.receive($0, context: context, events: batch)
        }
        context.fromClient = false
        ByteView.with(ModbusExchangeTests.readHoldingResponse) { decoder.receive($0, context: context, events: batch) }
        let events = batch.events.map { DecodedEvent($0, in: batch) }
        #expect(events.map(\.function) == [3, -1, 3])
        #expect(events.map(\.anomaly) == ["", "modbus.truncated_adu", ""])
        #expect(events[2].target == [4, 107, 3, 17])
    }

    @Test func aConversationThatIsNotModbusIsCountedNotReportedForever() {
        let decoder = ModbusStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        let tls: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x85, 0x01, 0x00, 0x00, 0x81, 0x03, 0x03]
        for _ in 0..<40 { ByteView.with(tls) { decoder.receive($0, context: context, events: batch) } }
        #expect(batch.events.count == ModbusStreamDecoder.rejectionEventLimit)
        #expect(batch.anomalies.byName["modbus.invalid_mbap"] == 40)
        context.fromClient = true
        ByteView.with(ModbusExchangeTests.readHoldingRequest) { decoder.receive($0, context: context, events: batch) }
        ByteView.with(tls) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.count == ModbusStreamDecoder.rejectionEventLimit + 2)
    }
}
