import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import RDP
import Testing

/// Feeds (from client?, bytes) segments to one decoder and returns the events as text lines.
func run(_ segments: [(Bool, [UInt8])], decoder: RDPStreamDecoder = RDPStreamDecoder()) -> [EventRecord] {
    let batch = EventBatch()
    for (index, (fromClient, bytes)) in segments.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = fromClient
        context.source = IPAddress(ipv4: fromClient ? 0x0A00_0009 : 0x0A00_0001)
        context.destination = IPAddress(ipv4: fromClient ? 0x0A00_0001 : 0x0A00_0009)
        ByteView.with(bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return batch.events.map { EventRecord($0, in: batch) }
}

func summary(_ event: EventRecord) -> String {
    var line =
        "\(event.direction) \(event.function.map(String.init) ?? "-") \(event.functionName) [\(event.targetText)]"
    if event.resultStatus == .error { line += " error \(event.resultCode)" }
    if !event.identity.isEmpty { line += " \(event.identity.sorted { $0.key < $1.key })" }
    if let anomaly = event.anomaly { line += " !\(anomaly)" }
    return line
}

/// Byte layouts from MS-RDPBCGR: 2.2.1.1 Client X.224 Connection Request PDU (example 4.1.1),
/// 2.2.1.2 Server X.224 Connection Confirm PDU (example 4.1.2), TPKT from RFC 1006 §6, X.224 from
/// ITU-T X.224 §13.3/§13.4.
@Suite struct RDPTests {
    /// MS-RDPBCGR 4.1.1, with requestedProtocols = TLS | CredSSP instead of 0.
    static let connectionRequest: [UInt8] =
        [0x03, 0x00, 0x00, 0x2c]  // TPKT: version 3, reserved, length 44
        + [0x27, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00]  // X.224: LI 39, CR, DST-REF 0, SRC-REF 0, class 0
        + Array("Cookie: mstshash=eltons\r\n".utf8)  // cookie: the user name "eltons"
        + [0x01, 0x00, 0x08, 0x00]  // RDP_NEG_REQ: type 1, flags 0, length 8 (LE)
        + [0x03, 0x00, 0x00, 0x00]  // requestedProtocols: PROTOCOL_SSL | PROTOCOL_HYBRID (LE)

    static let connectionConfirm: [UInt8] =
        [0x03, 0x00, 0x00, 0x13]  // TPKT: length 19
        + [0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00]  // X.224: LI 14, CC, DST-REF 0, SRC-REF 0x1234, class 0
        + [0x02, 0x1f, 0x08, 0x00]  // RDP_NEG_RSP: type 2, flags, length 8
        + [0x02, 0x00, 0x00, 0x00]  // selectedProtocol: PROTOCOL_HYBRID (CredSSP)

    /// The start of a TLS ClientHello record: handshake (22), TLS 1.0 record version, length.
    static let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]

    static let expected = [
        "request 224 Connection Request [requested TLS, CredSSP] [(key: \"account\", value: \"eltons\")]",
        "response 208 Connection Confirm [selected CredSSP]",
        "request - TLS Handshake []",
    ]

    @Test func negotiatedSessionBecomesEncrypted() {
        let events = run([(true, Self.connectionRequest), (false, Self.connectionConfirm), (true, Self.clientHello)])
        #expect(events.map(summary) == Self.expected)
        #expect(events.allSatisfy { $0.protocolName == "rdp" && $0.operation == "session" })
        #expect(events[1].resultStatus == .ok)
        // Nothing more once encrypted.
        let more = run([
            (true, Self.connectionRequest), (false, Self.connectionConfirm), (true, Self.clientHello),
            (false, [0x16, 0x03, 0x03, 0x00, 0x10]), (true, Self.connectionRequest),
        ])
        #expect(more.count == 3)
    }

    /// Every message split in two at every offset: the same events.
    @Test func splitAtEveryOffset() {
        let messages: [(Bool, [UInt8])] = [
            (true, Self.connectionRequest), (false, Self.connectionConfirm), (true, Self.clientHello),
        ]
        for (index, (fromClient, bytes)) in messages.enumerated() {
            for split in 0...bytes.count {
                var segments = Array(messages[..<index])
                segments.append((fromClient, Array(bytes[..<split])))
                segments.append((fromClient, Array(bytes[split...])))
                segments += messages[(index + 1)...]
                let events = run(segments.filter { !$0.1.isEmpty })
                #expect(events.map(summary) == Self.expected, "message \(index) split at \(split)")
            }
        }
        // Byte by byte, the whole exchange.
        var drip: [(Bool, [UInt8])] = []
        for (fromClient, bytes) in messages { for byte in bytes { drip.append((fromClient, [byte])) } }
        #expect(run(drip).map(summary) == Self.expected)
    }

    /// MS-RDPBCGR 4.1.1 and 4.1.2 as printed: standard RDP security, then the MCS Connect Initial TPKT.
    @Test func standardSecurityWithoutNegotiation() {
        var request = Self.connectionRequest
        request.replaceSubrange(40..<44, with: [0x00, 0x00, 0x00, 0x00])  // requestedProtocols = PROTOCOL_RDP
        var confirm = Self.connectionConfirm
        confirm.replaceSubrange(15..<19, with: [0x00, 0x00, 0x00, 0x00])  // selectedProtocol = PROTOCOL_RDP
        // TPKT (length 404), X.224 Data TPDU, then the start of the MCS Connect-Initial (BER 0x7f65).
        let mcs: [UInt8] = [0x03, 0x00, 0x01, 0x94, 0x02, 0xf0, 0x80, 0x7f, 0x65]
        let events = run([(true, request), (false, confirm), (true, mcs)])
        #expect(
            events.map(summary) == [
                "request 224 Connection Request [requested standard RDP] [(key: \"account\", value: \"eltons\")]",
                "response 208 Connection Confirm [selected standard RDP]",
                "request - Standard RDP Security []",
            ])
        // A bare Connection Request (old clients: no cookie, no RDP_NEG_REQ) and an empty confirm.
        let bare: [UInt8] = [0x03, 0x00, 0x00, 0x0b, 0x06, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00]
        var bareConfirm = bare
        bareConfirm[5] = 0xd0
        #expect(
            run([(true, bare), (false, bareConfirm)]).map(summary) == [
                "request 224 Connection Request [requested standard RDP]",
                "response 208 Connection Confirm [selected standard RDP]",
            ])
    }

    /// MS-RDPBCGR 2.2.1.2.2 RDP_NEG_FAILURE: an error result with the failure code.
    @Test func negotiationFailureIsAnError() {
        var failure = Self.connectionConfirm
        failure.replaceSubrange(11..<19, with: [0x03, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00, 0x00])  // HYBRID_REQUIRED
        let events = run([(true, Self.connectionRequest), (false, failure)])
        #expect(events.last.map(summary) == "response 208 Connection Confirm [] error 5")
        #expect(events.last?.jsonLine.contains("HYBRID_REQUIRED_BY_SERVER") == true)
    }

    @Test func malformedInputIsFlagged() {
        // TPKT version 2.
        #expect(run([(true, [0x02, 0x00, 0x00, 0x0b, 0x06, 0xe0, 0, 0, 0, 0, 0])]).first?.anomaly == "rdp.bad_tpkt")
        // A TPKT longer than the cap.
        #expect(run([(true, [0x03, 0x00, 0x10, 0x00, 0x06, 0xe0])]).first?.anomaly == "rdp.bad_tpkt")
        // A Data TPDU where the Connection Request is due.
        #expect(run([(true, [0x03, 0x00, 0x00, 0x0b, 0x06, 0xf0, 0, 0, 0, 0, 0])]).first?.anomaly == "rdp.bad_x224")
        // RDP_NEG_REQ with length 9.
        var badNegotiation = Self.connectionRequest
        badNegotiation[38] = 0x09
        #expect(run([(true, badNegotiation)]).first?.anomaly == "rdp.bad_negotiation")
        // A cookie without CR LF.
        let cookie: [UInt8] = [0x03, 0x00, 0x00, 0x16, 0x11, 0xe0, 0, 0, 0, 0, 0] + Array("Cookie: abc".utf8)
        #expect(run([(true, cookie)]).first?.anomaly == "rdp.bad_negotiation")
        // The flow ends inside the request: counted.
        let batch = EventBatch()
        let decoder = RDPStreamDecoder()
        var context = PacketContext()
        context.fromClient = true
        ByteView.with(Array(Self.connectionRequest.prefix(20))) { decoder.receive($0, context: context, events: batch) }
        decoder.finish(events: batch)
        #expect(batch.anomalies.counts[RDPStreamDecoder.anomalyTruncated] == 1)
    }

    @Test func probeRecognisesConnectionRequestsOnAnyPort() {
        func probe(_ bytes: [UInt8]) -> ProbeResult { ByteView.with(bytes) { RDPProtocol.probe($0, true) } }
        #expect(probe(Self.connectionRequest) == .match)
        #expect(probe(Self.connectionConfirm) == .match)
        #expect(probe(Array(Self.connectionRequest.prefix(5))) == .needMoreBytes)
        #expect(probe(Array(Self.connectionRequest.prefix(14))) == .needMoreBytes)
        // An S7comm COTP Connection Request (TSAP parameters after the X.224 header) is not RDP.
        let s7: [UInt8] = [
            0x03, 0x00, 0x00, 0x16, 0x11, 0xe0, 0x00, 0x00, 0x00, 0x01, 0x00,
            0xc0, 0x01, 0x0a, 0xc1, 0x02, 0x01, 0x00, 0xc2, 0x02, 0x01, 0x02,
        ]
        #expect(probe(s7) == .noMatch)
        #expect(probe(Array("GET / HTTP/1.1\r\n".utf8)) == .noMatch)
        #expect(ByteView.with(Self.connectionRequest) { RDPProtocol.probe($0, false) } == .noMatch)
    }

    /// The whole pipeline on `fuzz/corpus/seed-rdp-port3390.pcap` (these messages in a TCP flow on port
    /// 3390, so the probe must claim it). tshark 4.0.17 with `-d tcp.port==3390,tpkt` reads frame 4 as
    /// "Cookie: mstshash=eltons", requestedProtocols 0x00000003 (TLS, CredSSP), frame 5 as the Connect
    /// Confirm.
    @Test func probeClaimsAFlowOnAnotherPort() {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/corpus/seed-rdp-port3390.pcap").path
        let events = CaptureAnalyzer(workers: 1).collectEvents([seed]).events.filter { $0.protocolName == "rdp" }
        #expect(events.map(\.frame) == [4, 5, 6])
        #expect(events.map(summary) == Self.expected)
        #expect(events.first?.destinationPort == 3390)
    }

    /// Random segments (half of them starting like a TPKT): never a trap.
    @Test func randomSegmentsNeverTrap() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        for round in 0..<500 {
            var segments: [(Bool, [UInt8])] = []
            for _ in 0..<4 {
                var bytes = (0..<Int(next() % 64)).map { _ in UInt8(truncatingIfNeeded: next()) }
                if round % 2 == 0, !bytes.isEmpty { bytes[0] = 0x03 }
                segments.append((next() % 2 == 0, bytes))
            }
            _ = run(segments)
        }
    }
}
