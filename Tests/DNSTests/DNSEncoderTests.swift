import CorpusTestSupport
import DNS
import PacketLayers
import Testing

@Suite struct DNSEncoderTests {
    static let resolver = IPAddress(ipv4: 0x0A00_0035)  // 10.0.0.53
    static let client = IPAddress(ipv4: 0x0A00_0014)  // 10.0.0.20
    static let historian = IPAddress(ipv4: 0x0A00_0007)  // 10.0.0.7
    static let historian6 = IPAddress(high: 0xfd00_0000_0000_0001, low: 0x0000_0000_0000_0007)

    /// Query/response pairs of a simulated resolver: A with a CNAME chain, AAAA, PTR, NXDOMAIN.
    static let exchange: [[UInt8]] = [
        DNSEncoder.query(id: 0x0101, name: "historian.plant.local", type: DNSEncoder.RecordType.a),
        DNSEncoder.response(
            id: 0x0101, name: "historian.plant.local", type: DNSEncoder.RecordType.a,
            answers: [
                .init(name: "historian.plant.local", data: .cname("hist01.plant.local")),
                .init(name: "hist01.plant.local", ttl: 60, data: .a(historian)),
            ]),
        DNSEncoder.query(id: 0x0102, name: "hist01.plant.local", type: DNSEncoder.RecordType.aaaa),
        DNSEncoder.response(
            id: 0x0102, name: "hist01.plant.local", type: DNSEncoder.RecordType.aaaa,
            answers: [.init(name: "hist01.plant.local", data: .aaaa(historian6))]),
        DNSEncoder.query(id: 0x0103, name: DNSEncoder.reverseName(of: historian), type: DNSEncoder.RecordType.ptr),
        DNSEncoder.response(
            id: 0x0103, name: DNSEncoder.reverseName(of: historian), type: DNSEncoder.RecordType.ptr,
            answers: [.init(name: DNSEncoder.reverseName(of: historian), data: .ptr("hist01.plant.local"))]),
        DNSEncoder.query(id: 0x0104, name: "update.vendor.example", type: DNSEncoder.RecordType.a),
        DNSEncoder.response(
            id: 0x0104, name: "update.vendor.example", type: DNSEncoder.RecordType.a, answers: [], responseCode: 3),
    ]

    @Test func queryMatchesTheCorpusFrame() {
        // modbus/modbusSmall.pcap frame 101, UDP payload: query 0x9810 A mail.google.com.
        let expected: [UInt8] = [
            0x98, 0x10, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x04, 0x6d, 0x61, 0x69, 0x6c, 0x06, 0x67, 0x6f, 0x6f, 0x67, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d, 0x00,
            0x00, 0x01, 0x00, 0x01,
        ]
        #expect(DNSEncoder.query(id: 0x9810, name: "mail.google.com", type: DNSEncoder.RecordType.a) == expected)
    }

    @Test func ptrResponseMatchesTheCorpusFrame() {
        // other-ics/crimson/crimson_v3_getversion.pcap frame 3, UDP payload.
        let owner = DNSEncoder.reverseName(of: IPAddress(ipv4: 0xA68D_5C35))  // 166.141.92.53
        #expect(owner == "53.92.141.166.in-addr.arpa")
        let expected: [UInt8] =
            [0xe5, 0x8f, 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            + [0x02, 0x35, 0x33, 0x02, 0x39, 0x32, 0x03, 0x31, 0x34, 0x31, 0x03, 0x31, 0x36, 0x36]
            + [
                0x07, 0x69, 0x6e, 0x2d, 0x61, 0x64, 0x64, 0x72, 0x04, 0x61, 0x72, 0x70, 0x61, 0x00, 0x00, 0x0c, 0x00,
                0x01,
            ]
            + [0xc0, 0x0c, 0x00, 0x0c, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x1d]  // owner -> 12, PTR, IN, TTL 5
            + [0x02, 0x35, 0x33, 0x0e] + Array("sub-166-141-92".utf8) + [0x05] + Array("myvzw".utf8)
            + [0x03, 0x63, 0x6f, 0x6d, 0x00]
        #expect(
            DNSEncoder.response(
                id: 0xe58f, name: owner, type: DNSEncoder.RecordType.ptr,
                answers: [.init(name: owner, ttl: 5, data: .ptr("53.sub-166-141-92.myvzw.com"))]) == expected)
    }

    @Test func compressionMatchesTheAnnotatedResponse() {
        // DNSMessageTests.response: CNAME data and the A owner point into earlier names.
        let encoded = DNSEncoder.response(
            id: 0x1234, name: "www.example.com", type: DNSEncoder.RecordType.a,
            answers: [
                .init(name: "www.example.com", ttl: 3600, data: .cname("web.example.com")),
                .init(name: "web.example.com", ttl: 3600, data: .a(IPAddress(ipv4: 0x5DB8_D822))),
            ])
        #expect(encoded == DNSMessageTests.response)
    }

    @Test func roundTripThroughTheDecoder() {
        let events = decode(Self.exchange, destination: Self.resolver, source: Self.client)
        #expect(events.map(\.function) == [1, 1, 28, 28, 12, 12, 1, 1])
        #expect(
            events.map(\.direction) == [
                .request, .response, .request, .response, .request, .response, .request, .response,
            ])
        #expect(events.allSatisfy { $0.operation == .discovery && $0.anomaly.isEmpty })
        #expect(events[0].target == "historian.plant.local")
        #expect(
            events[1].target
                == "historian.plant.local historian.plant.local=hist01.plant.local, hist01.plant.local=10.0.0.7")
        #expect(events[1].related == ["10.0.0.7 name=hist01.plant.local"])
        #expect(events[3].target == "hist01.plant.local hist01.plant.local=fd00:0:0:1::7")
        #expect(events[3].related == ["fd00:0:0:1::7 name=hist01.plant.local"])
        #expect(events[5].related == ["10.0.0.7 name=hist01.plant.local"])
        #expect(events[7].result == .error)
    }

    @Test func tsharkDecodesTheExchangeCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        for (index, message) in Self.exchange.enumerated() {
            let fromClient = index % 2 == 0
            capture.addUDP(
                source: fromClient ? [10, 0, 0, 20] : [10, 0, 0, 53], sourcePort: fromClient ? 50000 : 53,
                destination: fromClient ? [10, 0, 0, 53] : [10, 0, 0, 20], destinationPort: fromClient ? 53 : 50000,
                payload: message)
        }
        let path = try TSharkCheck.write(capture, name: "dns")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path, ["dns.qry.name", "dns.a", "dns.aaaa", "dns.ptr.domain_name", "dns.cname"])
        #expect(rows.count == 8)
        #expect(rows[1] == ["historian.plant.local", "10.0.0.7", "", "", "hist01.plant.local"])
        #expect(rows[3][2] == "fd00:0:0:1::7")
        #expect(rows[5][0] == "7.0.0.10.in-addr.arpa")
        #expect(rows[5][3] == "hist01.plant.local")
    }
}
