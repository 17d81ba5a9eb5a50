import BinaryParsing
import EventModel
import Testing

@testable import DNP3

/// Test helpers: run bytes through a decoder and collect what it emitted.
enum DNP3TestSupport {
    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = text.filter { !$0.isWhitespace }.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(String([high, low]), radix: 16)!)
        }
        return bytes
    }

    static func context(frame: UInt64 = 1, fromClient: Bool = true) -> PacketContext {
        var context = PacketContext()
        context.frame = frame
        context.fromClient = fromClient
        return context
    }

    /// A link frame with correct CRCs: header then `userData` (transport octet first) in 16-octet blocks.
    static func frame(control: UInt8 = 0xC4, destination: UInt16 = 10, source: UInt16 = 1, userData: [UInt8]) -> [UInt8]
    {
        var header: [UInt8] = [
            0x05, 0x64, UInt8(userData.count + 5), control, UInt8(destination & 0xFF), UInt8(destination >> 8),
            UInt8(source & 0xFF), UInt8(source >> 8),
        ]
        appendCRC(&header)
        var bytes = header
        var index = 0
        while index < userData.count {
            var block = Array(userData[index..<min(index + 16, userData.count)])
            appendCRC(&block)
            bytes += block
            index += 16
        }
        return bytes
    }

    static func appendCRC(_ block: inout [UInt8]) {
        let crc = ByteView.with(block) { DNP3CRC.compute($0, from: 0, count: block.count) }
        block += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// Splits an application fragment into transport segments of at most 249 octets each.
    static func frames(fragment: [UInt8], control: UInt8 = 0xC4, firstSequence: UInt8 = 0, segmentSize: Int = 249)
        -> [[UInt8]]
    {
        var result: [[UInt8]] = []
        var index = 0
        var sequence = firstSequence
        repeat {
            let end = min(index + segmentSize, fragment.count)
            var transport = sequence & 0x3F
            if index == 0 { transport |= 0x40 }
            if end == fragment.count { transport |= 0x80 }
            result.append(frame(control: control, userData: [transport] + Array(fragment[index..<end])))
            index = end
            sequence &+= 1
        } while index < fragment.count
        return result
    }

    static func stream(_ chunks: [[UInt8]], fromClient: [Bool]? = nil) -> EventBatch {
        let decoder = DNP3StreamDecoder()
        let events = EventBatch()
        for (index, chunk) in chunks.enumerated() {
            let context = context(frame: UInt64(index + 1), fromClient: fromClient?[index] ?? true)
            ByteView.with(chunk) { decoder.receive($0, context: context, events: events) }
        }
        return events
    }
}

@Suite struct DNP3UnitTests {
    typealias Support = DNP3TestSupport

    /// Read of class 1, 2, 3, 0 data (dnp3_read.pcap frame 4).
    static let readClasses = Support.hex(
        """
        05 64        # start octets
        14           # length 20: control, addresses and 15 octets of user data
        c4           # DIR=1 PRM=1, function 4 unconfirmed user data
        02 00        # destination 2
        03 00        # source 3
        45 03        # header CRC
        c7           # transport: FIN FIR, sequence 7
        c8           # application control: FIR FIN, sequence 8
        01           # function 1 Read
        3c 02 06     # g60v2 class 1, qualifier 0x06 all
        3c 03 06     # g60v3 class 2
        3c 04 06     # g60v4 class 3
        3c 01 06     # g60v1 class 0
        42 ac        # block CRC
        """.split(separator: "\n").map { $0.split(separator: "#")[0] }.joined())

    /// Select of CROB index 2 (dnp3_example.pcap frame 308).
    static let selectCROB = Support.hex(
        """
        05 64 18 c4 05 00 64 00 fe dd   # header: length 24, DIR PRM unconfirmed data, 100 → 5
        cc                              # transport: FIN FIR, sequence 12
        c7                              # application: FIR FIN, sequence 7
        03                              # function 3 Select
        0c 01 17                        # g12v1 CROB, qualifier 0x17: 1-octet count, 1-octet index
        01                              # count 1
        02                              # index 2
        42                              # control code: close, pulse off
        01                              # count
        f4 01 00 00                     # on-time 500 ms
        00 00                           # off-time (first half)
        4e 19                           # block CRC
        00 00                           # off-time (second half)
        00                              # status
        ff ff                           # block CRC
        """.split(separator: "\n").map { $0.split(separator: "#")[0] }.joined())

    /// The outstation's answer (dnp3_example.pcap frame 309): IIN 0x0000, same CROB echoed.
    static let selectResponse = Support.hex(
        """
        05 64 1a 44 64 00 05 00 c0 ae   # header: length 26, PRM, 5 → 100
        ff                              # transport: FIN FIR, sequence 63
        c7                              # application: FIR FIN, sequence 7
        81                              # function 129 Response
        00 00                           # IIN1, IIN2
        0c 01 17 01 02                  # g12v1, qualifier 0x17, count 1, index 2
        42 01 f4 01 00 00               # control code, count, on-time
        fa 2a                           # block CRC
        00 00 00 00 00                  # off-time, status
        ff ff                           # block CRC
        """.split(separator: "\n").map { $0.split(separator: "#")[0] }.joined())

    @Test func crcMatchesTheWire() {
        // Header CRC of the read request above is 0x0345 (sent low octet first).
        let crc = ByteView.with(Self.readClasses) { DNP3CRC.compute($0, from: 0, count: 8) }
        #expect(crc == 0x0345)
        #expect(ByteView.with(Self.readClasses) { DNP3CRC.headerIsValid($0) })
    }

    @Test func probeRecognisesLinkHeader() {
        #expect(ByteView.with(Self.readClasses) { DNP3Protocol.probe($0, true) } == .match)
        #expect(ByteView.with(Array(Self.readClasses.prefix(5))) { DNP3Protocol.probe($0, true) } == .needMoreBytes)
        var broken = Self.readClasses
        broken[9] ^= 0xFF
        #expect(ByteView.with(broken) { DNP3Protocol.probe($0, true) } == .noMatch)
        #expect(ByteView.with([0x47, 0x45, 0x54, 0x20]) { DNP3Protocol.probe($0, true) } == .noMatch)
    }

    @Test func frameLengthCountsBlockCRCs() {
        #expect(DNP3Link.frameLength(lengthOctet: 5) == 10)
        #expect(DNP3Link.frameLength(lengthOctet: 20) == 27)
        #expect(DNP3Link.frameLength(lengthOctet: 21) == 28)
        #expect(DNP3Link.frameLength(lengthOctet: 22) == 31)
        #expect(DNP3Link.frameLength(lengthOctet: 255) == DNP3Limits.maximumFrameLength)
    }

    @Test func readRequestIsDecoded() throws {
        let events = Support.stream([Self.readClasses])
        try #require(events.events.count == 1)
        let event = events.events[0]
        #expect(event.protocolID == .dnp3)
        #expect(event.function == 1)
        #expect(event.functionName.description == "Read")
        #expect(event.direction == .request)
        #expect(event.operation == .read)
        #expect(event.target.kind == .dnp3Object)
        #expect((event.target.first, event.target.second, event.target.third, event.target.fourth) == (60, 2, -1, -1))
        #expect(event.result.status == .absent)
        #expect(event.anomaly == nil)
    }

    @Test func selectAndResponsePair() throws {
        let events = Support.stream([Self.selectCROB, Self.selectResponse], fromClient: [true, false])
        try #require(events.events.count == 2)
        let select = events.events[0]
        #expect(select.function == 3)
        #expect(select.operation == .write)
        #expect((select.target.first, select.target.second, select.target.third, select.target.fourth) == (12, 1, 2, 2))
        let response = events.events[1]
        #expect(response.function == 129)
        #expect(response.direction == .response)
        #expect(response.operation == .write)  // paired with the Select by sequence 7
        #expect(response.result.status == .ok)
        #expect(response.target.first == 12)
    }

    @Test func responseErrorIINIsTheResult() throws {
        // Response with IIN2 "function code not supported" to a cold restart.
        let restart = Support.frames(fragment: [0xC3, 0x0D])  // FIR FIN seq 3, Cold Restart
        let answer = Support.frames(fragment: [0xC3, 0x81, 0x80, 0x01], control: 0x44)  // IIN1.7 restart, IIN2.0
        let events = Support.stream(restart + answer, fromClient: [true, false])
        try #require(events.events.count == 2)
        #expect(events.events[0].operation == .control)
        #expect(events.events[1].operation == .control)
        #expect(events.events[1].result.status == .error)
        #expect(events.events[1].result.code == 0x8001)
        #expect(events.events[1].result.name.description == "function code not supported")
    }

    @Test func fragmentAcrossTransportSegmentsIsReassembled() throws {
        // Unsolicited response with 600 octets of g30v1 values: three link frames.
        var fragment: [UInt8] = [0xF0, 0x82, 0x00, 0x00, 0x1E, 0x01, 0x01]  // FIR FIN CON UNS seq 0; 130; IIN; g30v1 16-bit range
        fragment += [0x00, 0x00, 0x77, 0x00]  // start 0, stop 119
        fragment += [UInt8](repeating: 0x01, count: 120 * 5)
        let frames = Support.frames(fragment: fragment, control: 0x44, firstSequence: 62)  // wraps 63 → 0
        #expect(frames.count == 3)
        let events = Support.stream(frames, fromClient: [false, false, false])
        try #require(events.events.count == 1)
        let event = events.events[0]
        #expect(event.frame == 3)
        #expect(event.function == 130)
        #expect(event.direction == .unsolicited)
        #expect(event.operation == .data)
        #expect((event.target.first, event.target.second, event.target.third, event.target.fourth) == (30, 1, 0, 119))
        #expect(event.anomaly == nil)
    }

    @Test func oversizedFragmentIsCappedAndFlagged() throws {
        var fragment: [UInt8] = [0xC0, 0x81, 0x00, 0x00, 0x6E, 0xFF, 0x5B]
        fragment += [UInt8](repeating: 0, count: 3000)
        let events = Support.stream(
            Support.frames(fragment: fragment, control: 0x44), fromClient: Array(repeating: false, count: 20))
        try #require(events.events.count == 1)
        #expect(events.events[0].anomaly?.kind == DNP3Anomaly.fragmentTooLarge)
    }

    @Test func badBlockCRCDropsTheFrame() {
        var frame = Self.readClasses
        frame[frame.count - 1] ^= 0x55
        let events = Support.stream([frame])
        #expect(events.events.isEmpty)
        #expect(events.anomalies.counts[DNP3Anomaly.badCRC] == 1)
    }

    @Test func badHeaderCRCInsideSegmentIsFlaggedButDecoded() throws {
        var second = Self.readClasses
        second[8] ^= 0x01  // header CRC of the second frame: Wireshark checks it only at a segment start
        let events = Support.stream([Self.readClasses + second])
        try #require(events.events.count == 2)
        #expect(events.events[1].anomaly?.kind == DNP3Anomaly.badCRC)
    }

    @Test func linkOnlyFramesEmitNothing() {
        // Request link status (PRM, function 9) and link status (function 11): no transport data.
        let status = Support.frame(control: 0xC9, userData: [])
        let reply = Support.frame(control: 0x0B, userData: [])
        let events = Support.stream([status, reply], fromClient: [true, false])
        #expect(events.events.isEmpty)
    }

    @Test func segmentNotStartingWithHeaderIsSkipped() {
        let events = Support.stream([[0x00, 0x01, 0x02] + Self.readClasses, Self.readClasses])
        #expect(events.events.count == 1)
        #expect(events.events.first?.frame == 2)
        #expect(events.anomalies.counts[DNP3Anomaly.notSynchronized] == 1)
    }

    @Test func datagramCarriesSeveralFrames() throws {
        let decoder = DNP3DatagramDecoder()
        let events = EventBatch()
        ByteView.with(Self.readClasses + Self.selectCROB) {
            decoder.receive($0, context: Support.context(), events: events)
        }
        try #require(events.events.count == 2)
        #expect(events.events.map(\.function) == [1, 3])
    }

    @Test func deviceAttributesBecomeIdentity() throws {
        // Response with g0v252 (manufacturer) and g0v250 (product), qualifier 0x00 index 0.
        var fragment: [UInt8] = [0xC1, 0x81, 0x00, 0x00]
        fragment += [0x00, 0xFC, 0x00, 0x00, 0x00, 0x01, 0x03] + Array("SEL".utf8)
        fragment += [0x00, 0xFA, 0x00, 0x00, 0x00, 0x01, 0x08] + Array("SEL-3530".utf8)
        let events = Support.stream(Support.frames(fragment: fragment, control: 0x44), fromClient: [false])
        try #require(events.events.count == 1)
        let facts = events.facts(of: events.events[0])
        #expect(facts.map { events.string($0.value) } == ["SEL", "SEL-3530"])
        #expect(facts.map(\.key) == [.vendor, .product])
    }

    @Test func writeOfInternalIndicationsIsHousekeeping() throws {
        // Write g80v1 index 7 = 0: clear the device-restart IIN.
        let fragment: [UInt8] = [0xC2, 0x02, 0x50, 0x01, 0x00, 0x07, 0x07, 0x00]
        let events = Support.stream(Support.frames(fragment: fragment))
        try #require(events.events.count == 1)
        #expect(events.events[0].operation == .other)
        // A Write of a time (g50v1) is a write.
        let time: [UInt8] = [0xC3, 0x02, 0x32, 0x01, 0x07, 0x01, 1, 2, 3, 4, 5, 6]
        let timeEvents = Support.stream(Support.frames(fragment: time))
        #expect(timeEvents.events.first?.operation == .write)
    }

    @Test func requestToBroadcastAddressIsBroadcast() throws {
        // Direct Operate No Ack to 0xFFFF.
        let frame = Support.frame(
            control: 0xC4, destination: 0xFFFF, userData: [0xC0, 0xC1, 0x06, 0x0C, 0x01, 0x17, 0x00])
        let events = Support.stream([frame])
        try #require(events.events.count == 1)
        #expect(events.events[0].direction == .broadcast)
        #expect(events.events[0].operation == .write)
    }

    @Test func functionCodesHaveWiresharkNamesAndOperations() {
        #expect(DNP3FunctionCode(rawValue: 5).name.description == "Direct Operate")
        #expect(DNP3FunctionCode(rawValue: 5).operation == .write)
        #expect(DNP3FunctionCode(rawValue: 13).operation == .control)
        #expect(DNP3FunctionCode(rawValue: 18).operation == .control)
        #expect(DNP3FunctionCode(rawValue: 27).operation == .program)
        #expect(DNP3FunctionCode(rawValue: 26).operation == .other)
        #expect(DNP3FunctionCode(rawValue: 23).operation == .diagnostic)
        #expect(DNP3FunctionCode(rawValue: 32).operation == .session)
        #expect(DNP3FunctionCode(rawValue: 130).direction == .unsolicited)
        #expect(DNP3FunctionCode(rawValue: 99).name.description == "Unknown")
    }
}
