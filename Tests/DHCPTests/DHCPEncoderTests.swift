import CorpusTestSupport
import DHCP
import PacketLayers
import Testing

@Suite struct DHCPEncoderTests {
    static let plc = MACAddress("00:1b:1b:77:02:20")!
    static let server = IPAddress(ipv4: 0x0A00_0001)  // 10.0.0.1
    static let lease = IPAddress(ipv4: 0x0A00_0032)  // 10.0.0.50
    static let mask = IPAddress(ipv4: 0xFFFF_FF00)
    static let nas = MACAddress("00:11:32:17:49:f0")!

    /// A whole lease: Discover, Offer, Request, ACK.
    static let lease4: [[UInt8]] = [
        DHCPEncoder.discover(transactionID: 0x3903_F326, clientMAC: plc, hostName: "plc-7", vendorClass: "SIMATIC"),
        DHCPEncoder.offer(
            transactionID: 0x3903_F326, clientMAC: plc, yourAddress: lease, server: server, leaseTime: 3600,
            subnetMask: mask, router: server, domainNameServers: [server]),
        DHCPEncoder.request(
            transactionID: 0x3903_F326, clientMAC: plc, requestedAddress: lease, server: server, hostName: "plc-7",
            vendorClass: "SIMATIC"),
        DHCPEncoder.ack(
            transactionID: 0x3903_F326, clientMAC: plc, yourAddress: lease, server: server, leaseTime: 3600,
            subnetMask: mask, router: server, domainNameServers: [server], hostName: "plc-7"),
    ]

    @Test func requestMatchesTheCorpusFrame() {
        // it/dhcp_eve_extended.pcap frame 1 (UDP payload, 300 bytes): a renewing Request from a Synology NAS.
        let encoded = DHCPEncoder.message(
            type: DHCPEncoder.MessageType.request, transactionID: 0xEF64_5744, clientMAC: Self.nas,
            clientAddress: IPAddress(ipv4: 0x0A10_0104),
            options: [
                .hostName("nas1\u{0}"), .parameterRequestList([1, 28, 2, 3, 15, 6, 12]), .clientIdentifier(Self.nas),
            ])
        let options: [UInt8] = [
            0x63, 0x82, 0x53, 0x63, 0x35, 0x01, 0x03, 0x0c, 0x05, 0x6e, 0x61, 0x73, 0x31, 0x00,
            0x37, 0x07, 0x01, 0x1c, 0x02, 0x03, 0x0f, 0x06, 0x0c, 0x3d, 0x07, 0x01, 0x00, 0x11, 0x32, 0x17, 0x49, 0xf0,
            0xff,
        ]
        let expected =
            [0x01, 0x01, 0x06, 0x00, 0xef, 0x64, 0x57, 0x44, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x10, 0x01, 0x04]
            + [UInt8](repeating: 0, count: 12) + [0x00, 0x11, 0x32, 0x17, 0x49, 0xf0]
            + [UInt8](repeating: 0, count: 10 + 192) + options + [UInt8](repeating: 0, count: 300 - 236 - options.count)
        #expect(encoded == expected)
    }

    @Test func ackMatchesTheCorpusFrame() {
        // it/dhcp_eve_extended.pcap frame 2 (UDP payload, 308 bytes: past the minimum, so no padding).
        let encoded = DHCPEncoder.message(
            type: DHCPEncoder.MessageType.ack, transactionID: 0xEF64_5744, clientMAC: Self.nas,
            clientAddress: IPAddress(ipv4: 0x0A10_0104), yourAddress: IPAddress(ipv4: 0x0A10_0104),
            serverAddress: IPAddress(ipv4: 0x0A10_0101),
            options: [
                .serverIdentifier(IPAddress(ipv4: 0x0A10_0101)), .leaseTime(3600), .renewalTime(1681),
                .rebindingTime(3031), .subnetMask(IPAddress(ipv4: 0xFFFF_0000)),
                DHCPEncoder.Option(code: 28, value: [0x0a, 0x10, 0xff, 0xff]),
                .domainNameServers([IPAddress(ipv4: 0x0A10_0101)]), .domainName("unx.ca\u{0}"),
                .hostName("nas1\u{0}"), .router([IPAddress(ipv4: 0x0A10_0101)]),
            ])
        let options: [UInt8] = [
            0x35, 0x01, 0x05, 0x36, 0x04, 0x0a, 0x10, 0x01, 0x01, 0x33, 0x04, 0x00, 0x00, 0x0e, 0x10,
            0x3a, 0x04, 0x00, 0x00, 0x06, 0x91, 0x3b, 0x04, 0x00, 0x00, 0x0b, 0xd7, 0x01, 0x04, 0xff, 0xff, 0x00, 0x00,
            0x1c, 0x04, 0x0a, 0x10, 0xff, 0xff, 0x06, 0x04, 0x0a, 0x10, 0x01, 0x01,
            0x0f, 0x07, 0x75, 0x6e, 0x78, 0x2e, 0x63, 0x61, 0x00, 0x0c, 0x05, 0x6e, 0x61, 0x73, 0x31, 0x00,
            0x03, 0x04, 0x0a, 0x10, 0x01, 0x01, 0xff,
        ]
        let expected =
            [0x02, 0x01, 0x06, 0x00, 0xef, 0x64, 0x57, 0x44, 0x00, 0x00, 0x00, 0x00]
            + [0x0a, 0x10, 0x01, 0x04, 0x0a, 0x10, 0x01, 0x04, 0x0a, 0x10, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00]
            + [0x00, 0x11, 0x32, 0x17, 0x49, 0xf0] + [UInt8](repeating: 0, count: 10 + 192)
            + [0x63, 0x82, 0x53, 0x63] + options
        #expect(encoded.count == 308)
        #expect(encoded == expected)
    }

    @Test func roundTripThroughTheDecoder() {
        let broadcast = IPAddress(ipv4: 0xFFFF_FFFF)
        let events = decode(Self.lease4, destination: broadcast)
        #expect(events.map(\.function) == [1, 2, 3, 5])
        #expect(events.map(\.name) == ["DHCP Discover", "DHCP Offer", "DHCP Request", "DHCP ACK"])
        #expect(events.map(\.direction) == [.broadcast, .response, .broadcast, .response])
        #expect(events.map(\.operation) == [.discovery, .discovery, .session, .session])
        #expect(events.allSatisfy { $0.anomaly.isEmpty })
        #expect(events[0].target == "chaddr 00:1b:1b:77:02:20")
        #expect(
            events[0].related == [
                "00:1b:1b:77:02:20 name=plc-7", "00:1b:1b:77:02:20 vendor_class=SIMATIC",
                "00:1b:1b:77:02:20 other=client_id=01:00:1b:1b:77:02:20; prl=1,3,6,15,31,33,43,44,46,47,119,121,249,252",
            ])
        #expect(events[1].target == "assigned 10.0.0.50 chaddr 00:1b:1b:77:02:20")
        #expect(events[2].target == "requested 10.0.0.50 chaddr 00:1b:1b:77:02:20")
        #expect(events[3].related == ["00:1b:1b:77:02:20 ip=10.0.0.50", "00:1b:1b:77:02:20 name=plc-7"])
        #expect(Self.lease4.allSatisfy { $0.count == 300 })
    }

    @Test func tsharkDecodesTheLeaseCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        for (index, message) in Self.lease4.enumerated() {
            let fromClient = index % 2 == 0
            capture.addUDP(
                source: fromClient ? [0, 0, 0, 0] : [10, 0, 0, 1],
                sourcePort: fromClient ? DHCPEncoder.clientPort : DHCPEncoder.serverPort,
                destination: fromClient ? [255, 255, 255, 255] : [10, 0, 0, 50],
                destinationPort: fromClient ? DHCPEncoder.serverPort : DHCPEncoder.clientPort, payload: message)
        }
        let path = try TSharkCheck.write(capture, name: "dhcp")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path, ["dhcp.option.dhcp", "dhcp.option.hostname", "dhcp.option.vendor_class_id", "dhcp.ip.your"])
        #expect(rows.map { $0[0] } == ["1", "2", "3", "5"])
        #expect(rows[0][1] == "plc-7")
        #expect(rows[2][2] == "SIMATIC")
        #expect(rows[3][3] == "10.0.0.50")
    }
}
