import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

@testable import AnyDesk

/// TLS 1.2 handshake pieces (RFC 5246 §6.2, §7.4), annotated.
enum Samples {
    static func record(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, 0x03, 0x03, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
    }
    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    /// ClientHello without SNI; ALPN (extension 16) when `alpn` is given.
    static func clientHello(alpn: String?) -> [UInt8] {
        var extensions: [UInt8] = [0x00, 0x0B, 0x00, 0x02, 0x01, 0x00]  // ec_point_formats: uncompressed
        if let alpn {
            let name = Array(alpn.utf8)
            let list = [UInt8(name.count)] + name
            extensions += [0x00, 0x10, 0x00, UInt8(list.count + 2), 0x00, UInt8(list.count)] + list
        }
        var body: [UInt8] = [0x03, 0x03] + [UInt8](repeating: 0x11, count: 32)  // version, random
        body += [0x00]  // no session id
        body += [0x00, 0x04, 0xC0, 0x2C, 0xC0, 0x2B]  // two cipher suites
        body += [0x01, 0x00]  // compression: null
        body += [0x00, UInt8(extensions.count)] + extensions
        return record(22, handshake(1, body))
    }

    /// The subject of a certificate as DER: SEQUENCE { SET { SEQUENCE { OID 2.5.4.3 (CN),
    /// UTF8String name } } } — the part of an X.509 certificate the recogniser looks at.
    static func subject(_ commonName: String) -> [UInt8] {
        let name = Array(commonName.utf8)
        let attribute: [UInt8] = [0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, UInt8(name.count)] + name
        let sequence: [UInt8] = [0x30, UInt8(attribute.count)] + attribute
        let set: [UInt8] = [0x31, UInt8(sequence.count)] + sequence
        return [0x30, UInt8(set.count)] + set
    }

    /// ServerHello, Certificate (one certificate holding `commonName`), ServerHelloDone, in one record.
    static func serverFlight(commonName: String) -> [UInt8] {
        let hello = handshake(2, [0x03, 0x03] + [UInt8](repeating: 0x22, count: 32) + [0x00, 0xC0, 0x2C, 0x00])
        let certificate = [0x30, 0x82, 0x01, 0x00] + subject(commonName)  // DER certificate start + subject
        let list = [0x00, 0x00, UInt8(certificate.count)] + certificate
        let certificates = handshake(11, [0x00, 0x00, UInt8(list.count)] + list)
        return record(22, hello + certificates + handshake(14, []))
    }

    static let changeCipherSpec = record(20, [0x01])
    static let applicationData = record(23, [UInt8](repeating: 0xAB, count: 40))
}

func context(fromClient: Bool) -> PacketContext {
    var context = PacketContext()
    context.fromClient = fromClient
    context.source = IPAddress(ipv4: fromClient ? 0x0A00_0014 : 0x0A00_001E)
    context.destination = IPAddress(ipv4: fromClient ? 0x0A00_001E : 0x0A00_0014)
    context.sourcePort = fromClient ? 49160 : 7070
    context.destinationPort = fromClient ? 7070 : 49160
    return context
}

func converse(_ messages: [(fromClient: Bool, bytes: [UInt8])]) -> EventBatch {
    let decoder = AnyDeskStreamDecoder()
    let batch = EventBatch()
    for message in messages {
        ByteView.with(message.bytes) {
            decoder.receive($0, context: context(fromClient: message.fromClient), events: batch)
        }
    }
    decoder.finish(events: batch)
    return batch
}

func summary(_ batch: EventBatch) -> [String] {
    batch.events.map { event in
        var text = "\(event.functionName) \(event.source):\(event.sourcePort) [\(batch.string(event.target.text))]"
        for fact in batch.facts(of: event) { text += " \(fact.key.name)=\(batch.string(fact.value))" }
        return text
    }
}

@Suite struct AnyDeskDecoderTests {
    @Test func alpnIdentifiesTheClientAndItsVersion() {
        let batch = converse([(true, Samples.clientHello(alpn: "anydesk/7.1.11/windows"))])
        #expect(summary(batch) == ["AnyDesk Session 10.0.0.20:49160 [alpn] software=anydesk/7.1.11/windows"])
        #expect(batch.events.first?.operation == .session)
    }

    @Test func certificatesIdentifyRelayAndDirectSessions() {
        for name in ["AnyNet Relay", "AnyDesk Client"] {
            let batch = converse([
                (true, Samples.clientHello(alpn: nil)), (false, Samples.serverFlight(commonName: name)),
            ])
            // Recognised in the server's flight; the client is still the source.
            #expect(summary(batch) == ["AnyDesk Session 10.0.0.20:49160 [\(name)]"])
        }
    }

    @Test func otherTLSIsNotAnyDesk() {
        let batch = converse([
            (true, Samples.clientHello(alpn: "http/1.1")), (false, Samples.serverFlight(commonName: "scada.example")),
            (true, Samples.changeCipherSpec + Samples.applicationData),
            // After ChangeCipherSpec nothing is read, even bytes that would match.
            (false, Samples.changeCipherSpec + Samples.serverFlight(commonName: "AnyNet Relay")),
        ])
        #expect(batch.events.isEmpty)
        #expect(batch.anomalies.counts[AnyDeskAnomaly.notRecognised] == 1)
        let notTLS = converse([(true, Array("GET / HTTP/1.1\r\n\r\n".utf8))])
        #expect(notTLS.events.isEmpty)
    }

    @Test func splitAtEveryOffsetGivesTheSameEvent() {
        let server = Samples.serverFlight(commonName: "AnyNet Relay")
        let expected = ["AnyDesk Session 10.0.0.20:49160 [AnyNet Relay]"]
        for cut in 1..<server.count {
            let batch = converse([
                (true, Samples.clientHello(alpn: nil)), (false, Array(server[..<cut])), (false, Array(server[cut...])),
            ])
            #expect(summary(batch) == expected, "cut at \(cut)")
        }
        let client = Samples.clientHello(alpn: "anydesk/6.2.0/linux")
        for cut in 1..<client.count {
            let batch = converse([(true, Array(client[..<cut])), (true, Array(client[cut...]))])
            #expect(batch.events.count == 1, "cut at \(cut)")
        }
    }

    @Test func probeWantsAnAnyDeskClientHello() {
        func probe(_ bytes: [UInt8]) -> Bool {
            if case .match = ByteView.with(bytes, { AnyDeskProtocol.probe($0, true) }) { return true }
            return false
        }
        #expect(probe(Samples.clientHello(alpn: "anydesk/6.2.0/linux")))
        #expect(!probe(Samples.clientHello(alpn: "h2")))
        #expect(!probe(Samples.serverFlight(commonName: "AnyNet Relay")))  // not a ClientHello
    }

    @Test func garbageIsHarmless() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let noise = (0..<Int.random(in: 0...120, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            _ = converse([(true, [22, 3, 3, 0, 60, 1, 0, 0, 56] + noise), (false, [22, 3, 3] + noise)])
        }
    }

    /// The synthetic capture through the whole pipeline; tshark's table says where the evidence is.
    @Test func pipelineOverTheSyntheticCapture() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let tsv = try String(contentsOf: fixtures.appendingPathComponent("anydesk.pcap.tshark.tsv"), encoding: .utf8)
        #expect(tsv.contains("anydesk/6.2.0/linux"))
        #expect(tsv.contains("AnyNet Relay"))
        let result = CaptureAnalyzer(workers: 1).collectEvents([fixtures.appendingPathComponent("anydesk.pcap").path])
        let records = result.events.filter { $0.protocolName == "anydesk" }
        // The fourth flow (another TLS service on 7070) is not AnyDesk.
        #expect(result.result.statistics.anomalies.byName["anydesk.not_recognised"] == 1)
        #expect(
            records.map { "\($0.frame) \($0.source) > \($0.destinationPort ?? 0) \($0.targetText)" } == [
                "5 10.0.0.20 > 7070 AnyDesk Client", "14 10.0.0.21 > 50123 alpn", "24 10.0.0.22 > 6568 AnyNet Relay",
            ])
        #expect(records[1].identity["software"] == "anydesk/6.2.0/linux")
        // Recognised in a server packet, reported from the client: its MAC too (…:14 is 10.0.0.20).
        #expect(records[0].jsonLine.contains(#""src_mac":"00:1b:1b:00:00:14","dst_mac":"00:1b:1b:00:00:1e""#))
    }
}
