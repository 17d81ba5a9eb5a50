import BinaryParsing
import EventModel
import Foundation
import Monitor
import OPCUA
import Testing

/// OPC UA binary: annotated messages, stream splitting, hostile bytes, and the peers' ground truth.
@Suite struct OPCUATests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    struct Segment {
        var bytes: [UInt8]
        var fromClient: Bool
    }

    func decode(_ segments: [Segment]) -> [EventRecord] {
        let decoder = OPCUAStreamDecoder()
        let batch = EventBatch()
        for (index, segment) in segments.enumerated() {
            var context = PacketContext()
            context.frame = UInt64(index + 1)
            context.fromClient = segment.fromClient
            ByteView.with(segment.bytes) { decoder.receive($0, context: context, events: batch) }
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    static func string(_ text: String) -> [UInt8] { littleEndian(UInt32(text.utf8.count)) + Array(text.utf8) }

    /// HEL (OPC 10000-6 §7.1.2.3): version, buffer sizes, max message, max chunks, endpoint URL.
    static let hello: [UInt8] = {
        let body =
            littleEndian(0) + littleEndian(65_536) + littleEndian(65_536) + littleEndian(0) + littleEndian(0)
            + string("opc.tcp://plant:4840/")
        return Array("HELF".utf8) + littleEndian(UInt32(8 + body.count)) + body
    }()

    /// MSG carrying a ReadRequest (i=631, four-byte node id encoding) for ns=2;i=4.
    static let readRequest: [UInt8] = {
        var body: [UInt8] = []
        body += littleEndian(7) + littleEndian(1) + littleEndian(2) + littleEndian(3)  // channel, token, seq, request id
        body += [0x01, 0x00, 0x77, 0x02]  // TypeId: four-byte NodeId ns 0, id 631 (0x0277)
        body += [0x00, 0x00]  // RequestHeader: AuthenticationToken two-byte NodeId 0
        body += [UInt8](repeating: 0, count: 8)  // Timestamp
        body += littleEndian(42) + littleEndian(0)  // RequestHandle, ReturnDiagnostics
        body += littleEndian(0xFFFF_FFFF)  // AuditEntryId: null string
        body += littleEndian(10_000)  // TimeoutHint
        body += [0x00, 0x00, 0x00]  // AdditionalHeader: null ExtensionObject
        body += [UInt8](repeating: 0, count: 8) + littleEndian(2)  // MaxAge, TimestampsToReturn
        body += littleEndian(1)  // NodesToRead: 1
        body += [0x01, 0x02, 0x04, 0x00]  // NodeId four-byte: ns 2, id 4
        body += littleEndian(13) + littleEndian(0xFFFF_FFFF) + [0x00, 0x00] + littleEndian(0xFFFF_FFFF)
        return Array("MSGF".utf8) + littleEndian(UInt32(8 + body.count)) + body
    }()

    @Test func helloAndReadRequest() {
        let events = decode([Segment(bytes: Self.hello + Self.readRequest, fromClient: true)])
        #expect(events.count == 2)
        #expect(events[0].functionName == "Hello")
        #expect(events[0].function == nil)
        #expect(events[0].targetText == "opc.tcp://plant:4840/")
        #expect(events[1].function == 631)
        #expect(events[1].functionName == "ReadRequest")
        #expect(events[1].operation == "read")
        #expect(events[1].targetText == "ns=2;i=4")
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let stream = Self.hello + Self.readRequest
        let whole = decode([Segment(bytes: stream, fromClient: true)]).map { "\($0.functionName) \($0.targetText)" }
        for cut in 0...stream.count {
            let parts = decode([
                Segment(bytes: Array(stream[..<cut]), fromClient: true),
                Segment(bytes: Array(stream[cut...]), fromClient: true),
            ]).map { "\($0.functionName) \($0.targetText)" }
            #expect(parts == whole, "cut at \(cut)")
        }
    }

    @Test func aStreamWithoutItsHandshakeIsDecodedFromTheNextMessage() {
        // Half a message (the capture started mid-way), then a whole ReadRequest.
        let tail = Array(Self.readRequest.suffix(30))
        let decoder = OPCUAStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.frame = 1
        decoder.gap(100, context: context, events: batch)
        ByteView.with(tail + Self.readRequest) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.function) == [631])
    }

    @Test func hostileBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2000 {
            var bytes = round % 2 == 0 ? Array(Self.readRequest.prefix(Int.random(in: 0...60, using: &generator))) : []
            for _ in 0..<Int.random(in: 0...120, using: &generator) {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            }
            _ = decode([Segment(bytes: bytes, fromClient: round % 3 == 0)])
        }
    }

    /// peers/README: opcua-attack — anonymous session, Browse, WriteRequest (673) Setpoint, CallRequest
    /// (712) StopLine/StartLine; server name `Line1 OPC UA Server (asyncua)`.
    @Test func peersAttackShowsTheDangerousOperationsAndTheServer() {
        let path = Self.shared.appendingPathComponent("corpus/peers/opcua-attack.pcap").path
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let opcua = events.filter { $0.protocolName == "opcua" }
        let rogue = opcua.filter { $0.source == "10.77.9.66" }
        #expect(rogue.contains { $0.function == 673 && $0.operation == "write" && $0.targetText == "ns=2;i=4" })
        #expect(rogue.filter { $0.function == 712 && $0.operation == "control" }.count == 2)
        #expect(rogue.contains { $0.function == 467 && $0.targetText == "anonymous" })
        #expect(rogue.contains { $0.function == 527 && $0.operation == "discovery" })
        let server = opcua.first { $0.source == "10.77.3.10" && !$0.identity.isEmpty }
        #expect(server?.identity["name"] == "Line1 OPC UA Server (asyncua)")
        let normal = opcua.filter { $0.source == "10.77.1.30" }
        #expect(!normal.contains { ["write", "control", "program", "firmware"].contains($0.operation) })
    }

    @Test func encryptedChannelReportsWhatItCanRead() {
        let path = Self.shared.appendingPathComponent("corpus/opcua/python_opcua-client-server_encrypted.pcap").path
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let opcua = events.filter { $0.protocolName == "opcua" }
        // The second channel's OPN is encrypted under its policy: no service, but the policy URI is seen.
        let secured = opcua.filter { $0.frame == 31 }
        #expect(secured.first?.function == nil)
        #expect(secured.first?.targetText.contains("Basic256") == true)
        #expect(opcua.first { $0.frame == 35 }?.function == 461)
    }
}
