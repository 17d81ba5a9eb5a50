import Foundation
import Monitor
import Testing

/// Corpus TLS captures through the whole pipeline, against tshark 4.0.17 (`Fixtures/*.tsv`, made
/// by `Fixtures/make-expected.sh`), the corpus TSV and Suricata's ja4-tls test.
@Suite struct TLSCorpusTests {
    static let captures = ["it/tls_ja4.pcap", "bench-src/it-tls12.pcap", "bench-src/it-tls-google.pcap"]

    static func fixture(_ capture: String, _ kind: String) throws -> [[String: String]] {
        let name = URL(fileURLWithPath: capture).lastPathComponent
        return try Corpus.table(Corpus.testFolder.appendingPathComponent("Fixtures/\(name).\(kind).tsv"))
    }

    /// tshark's "id-at-commonName=x,id-at-organizationName=y" (already last RDN first) in RFC 4514 form.
    static func rfc4514(_ tshark: String) -> String {
        let names = [
            "id-at-commonName": "CN", "id-at-organizationName": "O", "id-at-organizationalUnitName": "OU",
            "id-at-localityName": "L", "id-at-stateOrProvinceName": "ST", "id-at-countryName": "C",
        ]
        var text = tshark
        for (long, short) in names { text = text.replacingOccurrences(of: long + "=", with: short + "=") }
        return text
    }

    @Test(arguments: captures)
    func clientHellosMatchTshark(_ capture: String) throws {
        let rows = try Self.fixture(capture, "hello")
        let hellos = Corpus.events(capture).filter { $0.protocolName == "tls" && $0.function == 1 }
        #expect(hellos.map(\.frame) == rows.map { UInt64($0["frame.number"] ?? "") ?? 0 })
        for (hello, row) in zip(hellos, rows) {
            #expect(hello.identity["ja3"] == row["tls.handshake.ja3"], "frame \(hello.frame)")
            let serverName = row["tls.handshake.extensions_server_name"] ?? ""
            #expect(hello.targetText == serverName, "frame \(hello.frame)")
            let peerName = hello.relatedIdentity.first { $0.key == "name" }?.value
            #expect(peerName == (serverName.isEmpty ? nil : serverName))
        }
    }

    @Test(arguments: captures)
    func leafCertificatesMatchTshark(_ capture: String) throws {
        let rows = try Self.fixture(capture, "certificate")
        let certificates = Corpus.events(capture).filter { $0.protocolName == "tls" && $0.function == 11 }
        #expect(certificates.map(\.frame) == rows.map { UInt64($0["frame.number"] ?? "") ?? 0 })
        for (certificate, row) in zip(certificates, rows) {
            #expect(certificate.anomaly == nil)
            #expect(certificate.identity["certificate_subject"] == Self.rfc4514(row["subject"] ?? ""))
            #expect(certificate.identity["certificate_issuer"] == Self.rfc4514(row["issuer"] ?? ""))
            let dnsName = row["dns_name"] ?? ""
            if !dnsName.isEmpty { #expect(certificate.identity["name"] == dnsName) }
        }
    }

    /// Suricata-verify ja4-tls: `tls.ja4: t12i1810s1_27d4652c4487_06a4338d0495`, from FoxIO's tool.
    @Test func ja4MatchesSuricataAndFoxIO() throws {
        let hellos = Corpus.events("it/tls_ja4.pcap").filter { $0.protocolName == "tls" && $0.function == 1 }
        #expect(hellos.count == 1)
        #expect(hellos.first?.identity["ja4"] == "t12i1810s1_27d4652c4487_06a4338d0495")
    }

    /// Every handshake message tshark shows in clear (`tls.handshake.type`, corpus TSV), per frame.
    @Test func handshakeTypesMatchTheCorpusTSV() throws {
        let rows = try Corpus.table(URL(fileURLWithPath: Corpus.path("it/tls_ja4.pcap.tshark.tsv")))
        var expected: [String] = []
        for row in rows {
            for type in (row["tls.handshake.type"] ?? "").split(separator: ",") {
                expected.append("\(row["frame.number"] ?? "")/\(type)")
            }
        }
        let ours = Corpus.events("it/tls_ja4.pcap").filter { $0.protocolName == "tls" && $0.functionName != "Alert" }
            .map { "\($0.frame)/\($0.function ?? -1)" }
        #expect(ours == expected)
    }
}
