import BinaryParsing
import EventModel
import Testing

@testable import TLS

/// Hand-made TLS 1.2 handshake, annotated per field (RFC 8446 §4, RFC 5246 §7.4).
enum Samples {
    static let clientHelloBody: [UInt8] =
        [0x03, 0x03]  // legacy_version: TLS 1.2 (771)
        + [UInt8](repeating: 0x11, count: 32)  // random
        + [0x00]  // legacy_session_id: empty
        + [0x00, 0x08, 0x0A, 0x0A, 0x13, 0x01, 0xC0, 0x2F, 0x00, 0x2F]  // cipher_suites: GREASE, 0x1301, 0xc02f, 0x002f
        + [0x01, 0x00]  // legacy_compression_methods: null
        + [0x00, 0x4C]  // extensions, 76 octets
        + [0x0A, 0x0A, 0x00, 0x00]  // GREASE extension, empty
        + [0x00, 0x00, 0x00, 0x0F, 0x00, 0x0D, 0x00, 0x00, 0x0A]  // server_name: list 13, host_name, 10 octets
        + Array("hmi.plant1".utf8)
        + [0x00, 0x0A, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1D, 0x00, 0x17]  // supported_groups: x25519, secp256r1
        + [0x00, 0x0B, 0x00, 0x02, 0x01, 0x00]  // ec_point_formats: uncompressed
        + [0x00, 0x0D, 0x00, 0x06, 0x00, 0x04, 0x08, 0x04, 0x04, 0x03]  // signature_algorithms: 0x0804, 0x0403
        + [0x00, 0x10, 0x00, 0x0E, 0x00, 0x0C, 0x02] + Array("h2".utf8) + [0x08] + Array("http/1.1".utf8)  // ALPN
        + [0x00, 0x2B, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03]  // supported_versions: 1.3, 1.2

    static let serverHelloBody: [UInt8] =
        [0x03, 0x03]  // legacy_version TLS 1.2
        + [UInt8](repeating: 0x22, count: 32)  // random
        + [0x00]  // session id: empty
        + [0xC0, 0x2F]  // cipher_suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        + [0x00]  // compression: null
        + [0x00, 0x05, 0xFF, 0x01, 0x00, 0x01, 0x00]  // extensions: renegotiation_info, empty

    static var certificateDER: [UInt8] { bytes(hex: CertificateSample.hex) }

    /// Certificate (RFC 5246 §7.4.2): uint24 list length, then uint24-prefixed DER certificates.
    static var certificateBody: [UInt8] {
        let der = certificateDER
        return be24(der.count + 3) + be24(der.count) + der
    }

    static var clientHello: [UInt8] { record(22, handshake(1, clientHelloBody)) }

    /// ServerHello and the first 100 octets of the Certificate in one record; the rest of the
    /// Certificate and ServerHelloDone in a second: messages span records.
    static var serverFlight: [UInt8] {
        let messages = handshake(2, serverHelloBody) + handshake(11, certificateBody) + handshake(14, [])
        let split = 4 + serverHelloBody.count + 100
        return record(22, Array(messages[..<split])) + record(22, Array(messages[split...]))
    }

    /// ClientKeyExchange, ChangeCipherSpec, then an encrypted Finished (40 opaque octets).
    static var clientFinish: [UInt8] {
        record(22, handshake(16, [0x20] + [UInt8](repeating: 0x33, count: 32))) + record(20, [0x01])
            + record(22, [UInt8](repeating: 0x5A, count: 40))
    }

    /// ChangeCipherSpec, encrypted Finished, application data and an encrypted alert: all skipped.
    static var serverFinish: [UInt8] {
        record(20, [0x01]) + record(22, [UInt8](repeating: 0x6B, count: 40))
            + record(23, [UInt8](repeating: 0x7C, count: 100)) + record(21, [0x01, 0x02, 0x03, 0x04])
    }

    static var conversation: [(fromClient: Bool, bytes: [UInt8])] {
        [(true, clientHello), (false, serverFlight), (true, clientFinish), (false, serverFinish)]
    }
}

@Suite struct TLSDecoderTests {
    @Test func clientHelloFingerprintsAndServerName() throws {
        let hello = try #require(ByteView.with(Samples.clientHelloBody) { ClientHello.parse($0) })
        // Salesforce JA3: version, ciphers, extensions, groups, point formats; GREASE removed.
        #expect(hello.ja3String == "771,4865-49199-47,0-10-11-13-16-43,29-23,0")
        #expect(hello.ja3 == "6bfe35123df20afcf42aa008b0081ebf")  // python3 hashlib.md5 of the string
        // JA4: t, 13 (supported_versions), d (SNI), 03 ciphers, 06 extensions, h2; then
        // sha256("002f,1301,c02f")[:12] and sha256("000a,000b,000d,002b_0804,0403")[:12].
        #expect(hello.ja4 == "t13d0306h2_54093f43ad55_1c0340dc273e")

        let (events, anomalies) = converse([(true, Samples.clientHello)])
        #expect(anomalies.isEmpty)
        let event = try #require(events.first)
        #expect(event.function == 1 && event.name == "Client Hello" && event.direction == "request")
        #expect(event.target == "hmi.plant1")
        #expect(event.fact("peer.name") == "hmi.plant1")
        #expect(event.fact("ja3") == "6bfe35123df20afcf42aa008b0081ebf")
        #expect(event.fact("ja4") == "t13d0306h2_54093f43ad55_1c0340dc273e")
        #expect(event.fact("other") == "alpn=h2,http/1.1")
    }

    @Test func alpnCharactersFollowTheJA4Rules() {
        var hello = ClientHello()
        #expect(hello.alpnCharacters == "00")
        ByteView.with(Array("http/1.1".utf8)) {
            hello.alpn = [$0]
            #expect(hello.alpnCharacters == "h1")
        }
        ByteView.with(Array("h".utf8)) {
            hello.alpn = [$0]
            #expect(hello.alpnCharacters == "hh")
        }
        // Not alphanumeric: first hex digit of the first octet, last hex digit of the last.
        ByteView.with([0xAB, 0x2F]) {
            hello.alpn = [$0]
            #expect(hello.alpnCharacters == "af")
        }
    }

    @Test func wholeHandshakeInClearThenEncrypted() throws {
        let (events, anomalies) = converse(Samples.conversation)
        #expect(anomalies.isEmpty)
        #expect(events.map(\.function) == [1, 2, 11, 14, 16])
        #expect(events.map(\.frame) == [1, 2, 2, 2, 3])
        #expect(events.map(\.direction) == ["request", "response", "response", "response", "request"])
        let serverHello = events[1]
        #expect(serverHello.target == "TLS 1.2 0xc02f")
        let certificate = events[2]
        #expect(certificate.name == "Certificate")
        #expect(certificate.target == "CN=plc-01.example,O=Plant\\, Inc.,C=DE")
        #expect(certificate.fact("certificate_subject") == "CN=plc-01.example,O=Plant\\, Inc.,C=DE")
        #expect(certificate.fact("certificate_issuer") == "CN=plc-01.example,O=Plant\\, Inc.,C=DE")
        #expect(certificate.fact("name") == "plc-01.example")
    }

    @Test func certificateSubjectAlternativeNames() throws {
        let summary = try #require(ByteView.with(Samples.certificateDER) { X509Summary.parse($0) })
        #expect(summary.dnsNames == ["plc-01.example", "plc.example"])
        #expect(summary.commonName == "plc-01.example")
    }

    @Test func everySplitGivesTheSameEvents() {
        let whole = converse(Samples.conversation).events.map(\.description)
        let clientStream = Samples.clientHello + Samples.clientFinish
        let serverStream = Samples.serverFlight + Samples.serverFinish
        func strip(_ events: [DecodedEvent]) -> [String] {
            events.map { event in
                var copy = event
                copy.frame = 0
                return copy.description
            }
        }
        let reference = strip(converse([(true, clientStream), (false, serverStream)]).events)
        #expect(whole.count == 5)
        for offset in 1..<serverStream.count {
            let split = converse([
                (true, clientStream), (false, Array(serverStream[..<offset])), (false, Array(serverStream[offset...])),
            ])
            #expect(strip(split.events) == reference, "server split at \(offset)")
            #expect(split.anomalies.isEmpty)
        }
        for offset in 1..<clientStream.count {
            let split = converse([
                (true, Array(clientStream[..<offset])), (true, Array(clientStream[offset...])), (false, serverStream),
            ])
            #expect(strip(split.events) == reference, "client split at \(offset)")
        }
        // One octet per segment.
        let drip = converse(clientStream.map { (true, [$0]) } + serverStream.map { (false, [$0]) })
        #expect(strip(drip.events) == reference)
    }

    @Test func plaintextAlertIsReported() throws {
        let alert = record(21, [0x02, 0x28])  // fatal, handshake_failure (40)
        let (events, _) = converse([(true, Samples.clientHello), (false, alert)])
        let event = try #require(events.last)
        #expect(event.name == "Alert" && event.function == 21 && event.direction == "unsolicited")
        // Midstream capture: an encrypted alert (26 octets of ciphertext) is not read as alerts.
        let encrypted = record(21, [UInt8](repeating: 0xD5, count: 26))
        #expect(converse([(true, encrypted)]).events.isEmpty)
    }

    @Test func tls13ServerHelloEndsTheClearHandshake() {
        var body = Samples.serverHelloBody
        body.removeLast(7)
        body += [0x00, 0x06, 0x00, 0x2B, 0x00, 0x02, 0x03, 0x04]  // supported_versions: selected TLS 1.3
        let flight =
            record(22, handshake(2, body)) + record(20, [0x01])
            + record(22, handshake(8, [0x00, 0x00]))  // would be encrypted in a real 1.3 session
        let (events, anomalies) = converse([(true, Samples.clientHello), (false, flight)])
        #expect(events.map(\.function) == [1, 2])
        #expect(events.last?.target == "TLS 1.3 0xc02f")
        #expect(anomalies.isEmpty)
    }

    @Test func hostileInputBecomesAnomalies() {
        // Not TLS at all.
        #expect(converse([(true, Array("GET / HTTP/1.1\r\n\r\n".utf8))]).anomalies["tls.bad_record_header"] == 1)
        // A record above 2^14 + 2048: counted and skipped.
        let long = record(23, [UInt8](repeating: 0, count: 18_433))
        #expect(converse([(true, long)]).anomalies["tls.record_too_long"] == 1)
        // A handshake message announcing 1 MiB: over the buffer cap.
        let huge = [UInt8](repeating: 0, count: 16_000)
        var segments: [(fromClient: Bool, bytes: [UInt8])] = [(true, record(22, [0x0B, 0x10, 0x00, 0x00] + huge))]
        for _ in 0..<5 { segments.append((true, record(22, huge))) }
        #expect(converse(segments).anomalies["tls.handshake_too_large"] == 1)
        // A Certificate that is not DER.
        let garbage: [UInt8] = [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
        let badCertificate = record(22, handshake(11, be24(garbage.count + 3) + be24(garbage.count) + garbage))
        #expect(converse([(false, badCertificate)]).events.first?.anomaly == "tls.bad_certificate")
        // A handshake cut short at the end of the flow.
        #expect(converse([(true, Array(Samples.clientHello.prefix(60)))]).anomalies["tls.truncated"] == 1)
    }

    @Test func resynchronisesAfterLostBytes() {
        let decoder = TLSStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = true
        ByteView.with(Array(Samples.clientHello.prefix(40))) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(500, context: context, events: batch)
        ByteView.with([UInt8](repeating: 0x99, count: 30)) { decoder.receive($0, context: context, events: batch) }
        #expect(ByteView.with(Samples.clientHello) { decoder.startsMessage($0) })
        ByteView.with(Samples.clientHello) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.function) == [1])
        #expect(batch.anomalies.byName == ["tls.stream_gap": 1])
    }

    @Test func truncatedCertificatesNeverTrap() {
        let der = Samples.certificateDER
        for length in 0..<der.count {
            let parsed = ByteView.with(Array(der.prefix(length))) { X509Summary.parse($0) }
            #expect(parsed == nil, "prefix \(length)")
        }
        var generator = SplitMix(state: 7)
        for _ in 0..<2000 {
            var mutated = der
            for _ in 0..<3 {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            _ = ByteView.with(mutated) { X509Summary.parse($0) }
            let message = record(22, handshake(11, be24(mutated.count + 3) + be24(mutated.count) + mutated))
            _ = converse([(false, message)])
        }
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
