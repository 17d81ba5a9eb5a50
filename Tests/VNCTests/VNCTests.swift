import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing
import VNC

/// Feeds (from client?, bytes) segments to one decoder; events as text lines.
func run(_ segments: [(Bool, [UInt8])]) -> [String] {
    let batch = EventBatch()
    let decoder = VNCStreamDecoder()
    for (index, (fromClient, bytes)) in segments.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = fromClient
        ByteView.with(bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return batch.events.map { event in
        let record = EventRecord(event, in: batch)
        var line = "\(record.direction) \(record.functionName) [\(record.targetText)]"
        switch record.resultStatus {
        case .ok: line += " ok"
        case .error: line += " error \(record.resultCode)"
        case .absent: break
        }
        for (key, value) in record.identity.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        if let anomaly = record.anomaly { line += " !\(anomaly)" }
        return line
    }
}

/// Messages from RFC 6143: §7.1.1 ProtocolVersion, §7.1.2 Security, §7.2.2 VNC Authentication,
/// §7.1.3 SecurityResult, §7.3.1 ClientInit, §7.3.2 ServerInit.
@Suite struct VNCTests {
    static let version38 = Array("RFB 003.008\n".utf8)
    static let challenge = [UInt8](repeating: 0xA5, count: 16)  // DES challenge (opaque)
    static let response = [UInt8](repeating: 0x5A, count: 16)  // DES response (opaque)
    static let serverInit: [UInt8] =
        [0x04, 0x00, 0x03, 0x00]  // framebuffer 1024 × 768
        + [32, 24, 0, 1, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 16, 8, 0, 0, 0, 0]  // pixel format (16)
        + [0x00, 0x00, 0x00, 0x0b] + Array("HMI Panel 1".utf8)  // name-length 11, name

    /// A 3.8 session with VNC Authentication (the server also offers None).
    static let session: [(Bool, [UInt8])] = [
        (false, version38),  // server ProtocolVersion
        (true, version38),  // client ProtocolVersion
        (false, [0x02, 0x01, 0x02]),  // two security types: None, VNC Authentication
        (true, [0x02]),  // client chooses VNC Authentication
        (false, challenge),
        (true, response),
        (false, [0x00, 0x00, 0x00, 0x00]),  // SecurityResult OK
        (true, [0x01]),  // ClientInit: shared
        (false, serverInit),
    ]

    static let expected = [
        "response ProtocolVersion [] software=RFB 003.008",
        "request ProtocolVersion [] software=RFB 003.008",
        "response Security Types [offered None, VNC Authentication] !vnc.no_authentication",
        "request Security Type Selected [chose VNC Authentication]",
        "response SecurityResult [] ok",
        "response ServerInit [HMI Panel 1] ok name=HMI Panel 1",
    ]

    @Test func authenticatedSessionUpToServerInit() {
        #expect(run(Self.session) == Self.expected)
        // Framebuffer updates afterwards are not decoded.
        #expect(run(Self.session + [(false, [0x00, 0x00, 0x00, 0x01]), (true, [0x03, 0x00])]) == Self.expected)
    }

    @Test func splitAtEveryOffset() {
        for (index, (fromClient, bytes)) in Self.session.enumerated() {
            for split in 1..<bytes.count {
                var segments = Array(Self.session[..<index])
                segments.append((fromClient, Array(bytes[..<split])))
                segments.append((fromClient, Array(bytes[split...])))
                segments += Self.session[(index + 1)...]
                #expect(run(segments) == Self.expected, "message \(index) split at \(split)")
            }
        }
        var drip: [(Bool, [UInt8])] = []
        for (fromClient, bytes) in Self.session { for byte in bytes { drip.append((fromClient, [byte])) } }
        #expect(run(drip) == Self.expected)
        // Two server messages in one segment (version and security types together).
        var joined = Self.session
        joined.replaceSubrange(0..<3, with: [(true, Self.version38), (false, Self.version38 + [0x02, 0x01, 0x02])])
        #expect(run(joined).sorted() == Self.expected.sorted())
    }

    /// RFC 6143 §7.1.2 for 3.3: the server chooses (a 4-byte type); None has no SecurityResult before 3.8.
    @Test func version33ServerChoosesNone() {
        let version33 = Array("RFB 003.003\n".utf8)
        let events = run([
            (false, version33), (true, version33), (false, [0x00, 0x00, 0x00, 0x01]), (true, [0x00]),
            (false, Self.serverInit),
        ])
        #expect(
            events == [
                "response ProtocolVersion [] software=RFB 003.003",
                "request ProtocolVersion [] software=RFB 003.003",
                "response Security Types [server chose None] !vnc.no_authentication",
                "response ServerInit [HMI Panel 1] ok name=HMI Panel 1",
            ])
    }

    @Test func failuresCarryTheReason() {
        let reason = Array("Too many security failures".utf8)
        let refused = run([
            (false, Self.version38), (true, Self.version38),
            (false, [0x00, 0x00, 0x00, 0x00, UInt8(reason.count)] + reason),  // zero types, reason
        ])
        #expect(refused.last == "response Security Types [Too many security failures] error 1")
        let wrongPassword = Array("Authentication failed".utf8)
        let failed = run(
            Array(Self.session.prefix(6)) + [
                (false, [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, UInt8(wrongPassword.count)] + wrongPassword)
            ])
        #expect(failed.last == "response SecurityResult [Authentication failed] error 1")
    }

    /// Another security type (VeNCrypt, 19): its sub-protocol is not followed.
    @Test func otherSecurityTypesStopTheDecoder() {
        let events = run([
            (false, Self.version38), (true, Self.version38), (false, [0x01, 0x13]), (true, [0x13]),
            (false, [0x00, 0x02]), (true, [0x00, 0x02]), (false, Self.serverInit),
        ])
        #expect(events.count == 4)
        #expect(events[2] == "response Security Types [offered VeNCrypt]")
        #expect(events[3] == "request Security Type Selected [chose VeNCrypt]")
    }

    @Test func malformedInputIsFlagged() {
        #expect(run([(false, Array("SSH-2.0-Open\n".utf8))]) == ["response ProtocolVersion [] !vnc.bad_version"])
        var hugeName = Self.serverInit
        hugeName.replaceSubrange(20..<24, with: [0x7f, 0xff, 0xff, 0xff])
        let events = run(Array(Self.session.prefix(8)) + [(false, hugeName)])
        #expect(events.last == "response ServerInit [] !vnc.oversized")
        // The flow ends inside ServerInit: counted.
        let batch = EventBatch()
        let decoder = VNCStreamDecoder()
        var context = PacketContext()
        context.fromClient = false
        ByteView.with(Self.version38 + [0x02, 0x01]) { decoder.receive($0, context: context, events: batch) }
        decoder.finish(events: batch)
        #expect(batch.anomalies.counts[VNCStreamDecoder.anomalyTruncated] == 1)
    }

    @Test func probeMatchesProtocolVersions() {
        func probe(_ text: String) -> ProbeResult { ByteView.with(Array(text.utf8)) { VNCProtocol.probe($0, true) } }
        #expect(probe("RFB 003.008\n") == .match)
        #expect(probe("RFB 004.001\n") == .match)
        #expect(probe("RFB 003.") == .needMoreBytes)
        #expect(probe("RFB 03.008\n") == .noMatch)
        #expect(probe("HTTP/1.1 200") == .noMatch)
    }

    /// The whole pipeline on `fuzz/corpus/seed-vnc-port5999.pcap` (a 3.8 session with security type None
    /// on port 5999, so the probe must claim it); tshark 4.0.17 with `-d tcp.port==5999,vnc` reads the
    /// same: versions 003.008 (frames 4, 5), type 1 offered (6) and chosen (7), result 0 (8), desktop
    /// name "HMI Panel 1" (10).
    @Test func probeClaimsAFlowOnAnotherPort() {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/corpus/seed-vnc-port5999.pcap").path
        let events = CaptureAnalyzer(workers: 1).collectEvents([seed]).events.filter { $0.protocolName == "vnc" }
        #expect(events.map(\.frame) == [4, 5, 6, 7, 8, 10])
        #expect(
            events.map(\.functionName) == [
                "ProtocolVersion", "ProtocolVersion", "Security Types", "Security Type Selected", "SecurityResult",
                "ServerInit",
            ])
        #expect(events[2].anomaly == "vnc.no_authentication")
        #expect(events[2].targetText == "offered None")
        #expect(events[5].identity["name"] == "HMI Panel 1")
        #expect(events[5].source == "10.0.0.1")
    }

    @Test func randomSegmentsNeverTrap() {
        var state: UInt64 = 0xFB
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        for _ in 0..<500 {
            var segments: [(Bool, [UInt8])] = [(false, Self.version38), (true, Self.version38)]
            for _ in 0..<5 {
                segments.append(
                    (next() % 2 == 0, (0..<Int(next() % 40)).map { _ in UInt8(truncatingIfNeeded: next()) }))
            }
            _ = run(segments)
        }
    }
}
