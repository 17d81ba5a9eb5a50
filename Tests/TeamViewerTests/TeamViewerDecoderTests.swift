import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

@testable import TeamViewer

enum Samples {
    /// CMD_IDENTIFY hello of a TeamViewer service scanner (the shape libprotoident matches).
    static let hello: [UInt8] = [
        0x17, 0x24,  // magic (current framing)
        0x0A,  // command 10, CMD_IDENTIFY
        0x20, 0x00,  // body length 32, little-endian
        0xE1, 0xBF, 0xE5, 0x2A, 0x88, 0x13, 0x80, 0x00, 0x48, 0x00, 0x80, 0x00, 0x01, 0x00, 0x00, 0x00,  // body
        0x14, 0x80, 0x00, 0x00, 0x4F, 0xB3, 0x80, 0x80, 0x6E, 0xBD, 0xF3, 0x9B, 0x8E, 0xDF, 0xA9, 0x03,
    ]
    /// The older framing: magic 0x1130, command 0x36 (54), then bytes whose layout is not known.
    static let legacy: [UInt8] = [0x11, 0x30, 0x36, 0x00, 0x00, 0x00, 0x00, 0x00]
    /// A 0x1724 packet with command 29 and a 48-byte body.
    static let command29: [UInt8] = [0x17, 0x24, 0x1D, 0x30, 0x00] + [UInt8](repeating: 0x5A, count: 48)
    /// A TLS 1.0 record header and ClientHello start: not TeamViewer.
    static let tlsClientHello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03]
}

func context(fromClient: Bool, frame: UInt64 = 1) -> PacketContext {
    var context = PacketContext()
    context.frame = frame
    context.fromClient = fromClient
    context.source = IPAddress(ipv4: fromClient ? 0x0A00_0014 : 0x0A00_0009)
    context.destination = IPAddress(ipv4: fromClient ? 0x0A00_0009 : 0x0A00_0014)
    context.sourcePort = fromClient ? 49154 : 5938
    context.destinationPort = fromClient ? 5938 : 49154
    return context
}

func converse(_ messages: [(fromClient: Bool, bytes: [UInt8])], decoder: TeamViewerStreamDecoder) -> EventBatch {
    let batch = EventBatch()
    for (index, message) in messages.enumerated() {
        ByteView.with(message.bytes) {
            decoder.receive(
                $0, context: context(fromClient: message.fromClient, frame: UInt64(index + 1)), events: batch)
        }
    }
    decoder.finish(events: batch)
    return batch
}

@Suite struct TeamViewerDecoderTests {
    @Test func sessionIsReportedOnceWithTheClientAsSource() {
        let decoder = TeamViewerStreamDecoder()
        // The server's hello comes first here (capture started late): the client is still the source.
        let batch = converse(
            [(false, Samples.hello + Samples.legacy), (true, Samples.hello), (true, Samples.command29)],
            decoder: decoder)
        #expect(batch.events.count == 1)
        let event = batch.events[0]
        #expect(event.functionName.description == "TeamViewer Session")
        #expect(event.function == 10)
        #expect(event.operation == .session)
        #expect(event.source == IPAddress(ipv4: 0x0A00_0014))
        #expect(event.destinationPort == 5938)
        #expect(decoder.packetCount == 4)  // hello, legacy, hello, command 29
        #expect(batch.anomalies.total == 0)
    }

    @Test func splitAtEveryOffsetCountsTheSamePackets() {
        let stream = Samples.hello + Samples.command29 + Samples.hello
        for cut in 1..<stream.count {
            let decoder = TeamViewerStreamDecoder()
            let batch = converse([(true, Array(stream[..<cut])), (true, Array(stream[cut...]))], decoder: decoder)
            #expect(decoder.packetCount == 3, "cut at \(cut)")
            #expect(batch.events.count == 1)
        }
    }

    @Test func otherTrafficOnThePortIsNotTeamViewer() {
        let decoder = TeamViewerStreamDecoder()
        let batch = converse(
            [
                (true, Samples.tlsClientHello), (false, [0x17, 0x03, 0x03, 0x00, 0x20]),  // TLS application data
                (true, [0x17, 0x24, 0x00, 0x00, 0x00]),  // the magic with command 0: unknown
            ], decoder: decoder)
        #expect(batch.events.isEmpty)
        #expect(decoder.packetCount == 0)
        #expect(batch.anomalies.counts[TeamViewerAnomaly.notRecognised] == 1)
    }

    @Test func probeWantsAWellFormedPacket() {
        func probe(_ bytes: [UInt8], isTCP: Bool = true) -> String {
            switch ByteView.with(bytes, { TeamViewerProtocol.probe($0, isTCP) }) {
            case .match: "match"
            case .noMatch: "noMatch"
            case .needMoreBytes: "needMoreBytes"
            }
        }
        #expect(probe(Samples.hello) == "match")
        #expect(probe(Samples.hello + Samples.legacy) == "match")
        #expect(probe(Array(Samples.hello.prefix(20))) == "noMatch")  // length says 32 body bytes
        #expect(probe(Samples.hello + [0x00, 0x01, 0x02]) == "noMatch")  // no packet after it
        #expect(probe(Samples.tlsClientHello) == "noMatch")
        #expect(probe([0x17, 0x24]) == "needMoreBytes")
        #expect(probe(Samples.hello, isTCP: false) == "noMatch")
    }

    @Test func datagramsCarryTheMagicAtOffsetEleven() {
        let decoder = TeamViewerDatagramDecoder()
        let batch = EventBatch()
        let datagram: [UInt8] =
            [0x00] + [UInt8](repeating: 0, count: 10) + [0x17, 0x24, 0x46] + [UInt8](repeating: 0, count: 8)
        for fromClient in [false, true] {
            ByteView.with(datagram) { decoder.receive($0, context: context(fromClient: fromClient), events: batch) }
        }
        ByteView.with(Samples.hello) { decoder.receive($0, context: context(fromClient: true), events: batch) }
        #expect(batch.events.map(\.function) == [0x46])
        #expect(batch.events.first?.source == IPAddress(ipv4: 0x0A00_0014))
        #expect(decoder.packetCount == 2)
    }

    @Test func pipelineOverTheSyntheticCapture() {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/teamviewer.pcap"
        ).path
        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let records = events.filter { $0.protocolName == "teamviewer" }
        // The TLS flow on 5938 ended without a TeamViewer packet.
        #expect(result.statistics.anomalies.byName["teamviewer.not_recognised"] == 1)
        // TCP 5938 (frame 4), TCP 40000 through the probe (13), UDP 5938 (18); not the TLS flow.
        #expect(
            records.map {
                "\($0.frame) \($0.source):\($0.sourcePort ?? 0) > \($0.destinationPort ?? 0) \($0.function ?? -1)"
            }
                == ["4 10.0.0.20:49154 > 5938 10", "13 10.0.0.21:49155 > 40000 10", "18 10.0.0.20:49156 > 5938 70"])
    }
}
