import BinaryParsing
import DHCP
import EventModel
import PacketLayers
import Testing

/// Unit tests from annotated bytes (RFC 2131/2132, RFC 8415).
@Suite struct DHCPMessageTests {
    /// The request of suricata-verify's dhcp_eve_extended: renewing client "nas1".
    static let request = bootp(
        op: 1, ciaddr: [10, 16, 1, 4],
        options: [
            53, 1, 3,  // DHCP message type: Request
            61, 7, 0x01, 0x00, 0x11, 0x32, 0x17, 0x49, 0xF0,  // client id: type 1 (Ethernet) + MAC
            12, 5, 0x6E, 0x61, 0x73, 0x31, 0x00,  // host name "nas1\0" (terminator counted)
            60, 8, 0x4D, 0x53, 0x46, 0x54, 0x20, 0x35, 0x2E, 0x30,  // vendor class "MSFT 5.0"
            55, 4, 1, 3, 15, 6,  // parameter request list
            255,  // end
        ])

    @Test func requestCarriesClientIdentity() {
        let events = decode([Self.request])
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.function == 3)
        #expect(event.name == "DHCP Request")
        #expect(event.direction == .request)
        #expect(event.operation == .session)
        #expect(event.target == "client 10.16.1.4 chaddr 00:11:32:17:49:f0")
        #expect(event.identity.isEmpty)  // about the client's MAC, not about the sending address
        #expect(
            event.related == [
                "00:11:32:17:49:f0 name=nas1",
                "00:11:32:17:49:f0 vendor_class=MSFT 5.0",
                "00:11:32:17:49:f0 other=client_id=01:00:11:32:17:49:f0; prl=1,3,15,6",
                "00:11:32:17:49:f0 ip=10.16.1.4",  // ciaddr of a renewing client
            ])
        #expect(event.anomaly == "")
    }

    @Test func discoverToBroadcastIsABroadcastDiscovery() {
        let discover = bootp(
            op: 1,
            options: [
                53, 1, 1,  // Discover
                50, 4, 10, 0, 0, 5,  // requested IP address
                255,
            ])
        let events = decode([discover], destination: IPAddress(ipv4: 0xFFFF_FFFF))
        #expect(events.first?.direction == .broadcast)
        #expect(events.first?.operation == .discovery)
        #expect(events.first?.target == "requested 10.0.0.5 chaddr 00:11:32:17:49:f0")
        #expect(events.first?.related.isEmpty == true)  // a requested address is not held yet
    }

    /// A Discover with a host name and an FQDN, from 0.0.0.0: both names are about chaddr.
    @Test func discoverNamesTheClientMAC() {
        let discover = bootp(
            op: 1, chaddr: [0x00, 0x1b, 0x1b, 0x77, 0x02, 0x20],
            options: [
                53, 1, 1,  // Discover
                12, 5, 0x70, 0x6C, 0x63, 0x2D, 0x37,  // host name "plc-7"
                81, 13, 0x01, 0x00, 0x00,  // client FQDN: flags S, RCODE1, RCODE2
                0x05, 0x70, 0x6C, 0x63, 0x2D, 0x37, 0x03, 0x6C, 0x61, 0x62, 0x00,  // "plc-7" "lab" root (wire form)
                60, 7, 0x53, 0x49, 0x4D, 0x41, 0x54, 0x49, 0x43,  // vendor class "SIMATIC"
                255,
            ])
        let event = decode([discover], destination: IPAddress(ipv4: 0xFFFF_FFFF))[0]
        #expect(event.identity.isEmpty)
        #expect(
            event.related == [
                "00:1b:1b:77:02:20 name=plc-7", "00:1b:1b:77:02:20 name=plc-7.lab",
                "00:1b:1b:77:02:20 vendor_class=SIMATIC",
            ])
    }

    /// No Ethernet chaddr (htype 6 here would still be 802; an hlen of 0 gives nothing to key on): the
    /// facts describe the sender, as before.
    @Test func withoutAClientMACTheSenderIsTheSubject() {
        var message = bootp(op: 1, options: [53, 1, 8, 12, 2, 0x50, 0x43, 255])  // Inform, "PC"
        message[2] = 0  // hlen 0
        let event = decode([message])[0]
        #expect(event.identity == ["name": "PC"])
        #expect(event.related.isEmpty)
    }

    @Test func ackAssignsAnAddressAndNamesNoOne() {
        let ack = bootp(
            op: 2, yiaddr: [10, 16, 1, 4],
            options: [
                53, 1, 5,  // ACK
                12, 4, 0x6E, 0x61, 0x73, 0x31,  // host name echoed by the server: the client's, not the server's
                255,
            ])
        let event = decode([ack])[0]
        #expect(event.name == "DHCP ACK")
        #expect(event.direction == .response)
        #expect(event.result == .ok)
        #expect(event.target.hasPrefix("assigned 10.16.1.4"))
        #expect(event.identity.isEmpty)
        #expect(event.related == ["00:11:32:17:49:f0 ip=10.16.1.4", "00:11:32:17:49:f0 name=nas1"])
        // An Offer proposes, it does not assign.
        var offer = ack
        offer[offer.count - 8] = 2
        #expect(decode([offer])[0].name == "DHCP Offer")
        #expect(decode([offer])[0].related.isEmpty)
    }

    /// A relayed request (giaddr set) comes from the relay agent: nothing about the relay, the client's
    /// facts are about its MAC.
    @Test func relayedRequestNamesTheClientNotTheRelay() {
        var relayed = Self.request
        relayed.replaceSubrange(24..<28, with: [10, 16, 0, 1])  // giaddr
        let event = decode([relayed])[0]
        #expect(event.identity.isEmpty)
        #expect(event.related.first == "00:11:32:17:49:f0 name=nas1")
        #expect(event.target == "client 10.16.1.4 chaddr 00:11:32:17:49:f0 relay 10.16.0.1")
    }

    @Test func nakIsAnError() {
        let nak = bootp(op: 2, options: [53, 1, 6, 255])  // NAK
        #expect(decode([nak])[0].result == .error)
    }

    @Test func optionOverloadMovesOptionsIntoFile() {
        var message = bootp(op: 1, options: [52, 1, 1, 255])  // overload: file holds options
        let fileStart = 108
        message.replaceSubrange(fileStart..<(fileStart + 7), with: [53, 1, 8, 12, 2, 0x50, 0x43])  // Inform, name "PC"
        let event = decode([message])[0]
        #expect(event.function == 8)
        #expect(event.related == ["00:11:32:17:49:f0 name=PC"])
    }

    @Test func malformedMessagesAreAnomalies() {
        #expect(decode([[0x01, 0x01, 0x06]])[0].anomaly == "dhcp.truncated")
        #expect(decode([bootp(op: 1, cookie: false)])[0].anomaly == "dhcp.missing_magic_cookie")
        #expect(decode([bootp(op: 1, cookie: false)])[0].name == "BOOTP Request")
        #expect(decode([bootp(op: 1, options: [53, 1, 1, 12, 40, 0x41])])[0].anomaly == "dhcp.option_overrun")
        #expect(decode([bootp(op: 1, options: [12, 1, 0x41, 255])])[0].anomaly == "dhcp.missing_message_type")
        let many = [UInt8](repeating: 0, count: 0) + Array(repeating: [UInt8]([3, 0]), count: 300).flatMap { $0 }
        #expect(decode([bootp(op: 1, options: [53, 1, 1] + many)])[0].anomaly == "dhcp.too_many_options")
    }

    /// RFC 8415 §8: Solicit with client id (DUID-LLT), vendor class and FQDN.
    @Test func dhcpv6SolicitCarriesClientIdentity() {
        let solicit: [UInt8] = [
            0x01, 0x12, 0x34, 0x56,  // msg-type Solicit, transaction-id
            0x00, 0x01, 0x00, 0x0E,  // option 1 client identifier, length 14
            0x00, 0x01, 0x00, 0x01, 0x1C, 0x39, 0xCF, 0x88, 0x08, 0x00, 0x27, 0xFE, 0x8F, 0x95,  // DUID-LLT
            0x00, 0x27, 0x00, 0x08,  // option 39 client FQDN, length 8
            0x00, 0x02, 0x50, 0x43, 0x03, 0x6C, 0x61, 0x62,  // flags, "PC" "lab" (no root label)
            0x00, 0x10, 0x00, 0x0E,  // option 16 vendor class, length 14
            0x00, 0x00, 0x01, 0x37, 0x00, 0x08, 0x4D, 0x53, 0x46, 0x54, 0x20, 0x35, 0x2E, 0x30,  // 311, "MSFT 5.0"
            0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18,  // option request: 23, 24
        ]
        let multicast = IPAddress(high: 0xFF02_0000_0000_0000, low: 0x0000_0000_0001_0002)
        let event = decode([solicit], registration: DHCPProtocol.registrationV6, destination: multicast)[0]
        #expect(event.function == 1)
        #expect(event.name == "Solicit")
        #expect(event.direction == .broadcast)
        #expect(event.operation == .discovery)
        #expect(
            event.identity == [
                "name": "PC.lab", "vendor_class": "311:MSFT 5.0", "mac": "08:00:27:fe:8f:95",
                "other": "client_id=00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95; oro=23,24",
            ])
        #expect(event.related.isEmpty)
    }

    @Test func dhcpv6RelayChainsAreBounded() {
        // Relay-forw header: type 12, hop count, link address (16), peer address (16), then option 9.
        func relay(_ inner: [UInt8], peer: [UInt8] = [UInt8](repeating: 0, count: 16)) -> [UInt8] {
            [12, 0] + [UInt8](repeating: 0, count: 16) + peer + [
                0x00, 0x09, UInt8(inner.count >> 8), UInt8(inner.count & 0xFF),
            ] + inner
        }
        let inner: [UInt8] = [0x03, 0, 0, 1, 0x00, 0x27, 0x00, 0x03, 0x00, 0x01, 0x41]  // Request, FQDN flags 0, "A"
        let once = decode([relay(inner)], registration: DHCPProtocol.registrationV6)[0]
        #expect(once.function == 12)
        #expect(once.operation == .session)
        #expect(once.identity.isEmpty)  // sent by the relay agent, not by client "A"
        #expect(once.related.isEmpty)  // no peer address to pin it on
        let peer: [UInt8] = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1b, 0x1b, 0xff, 0xfe, 0x77, 0x02, 0x20]
        #expect(
            decode([relay(inner, peer: peer)], registration: DHCPProtocol.registrationV6)[0].related == [
                "fe80::21b:1bff:fe77:220 name=A"
            ])
        var deep = inner
        for _ in 0..<12 { deep = relay(deep) }
        #expect(decode([deep], registration: DHCPProtocol.registrationV6)[0].anomaly == "dhcp.v6_relay_depth")
    }

    /// RFC 8415 §18.3.10 Reply with IA_NA/IAADDR: the addresses are about the client's MAC from its
    /// DUID-LL; without a link-layer DUID, about the Reply's destination.
    @Test func dhcpv6ReplyAssignsAddresses() {
        func reply(clientID: [UInt8]) -> [UInt8] {
            var bytes: [UInt8] = [0x07, 0x12, 0x34, 0x56]  // msg-type Reply, transaction-id
            bytes += [0x00, 0x01, 0x00, UInt8(clientID.count)] + clientID  // option 1 client identifier
            bytes += [0x00, 0x03, 0x00, 0x44]  // option 3 IA_NA, length 68
            bytes += [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x00, 0x15, 0x18]  // IAID 1, T1, T2
            bytes += [0x00, 0x05, 0x00, 0x18]  // option 5 IAADDR, length 24
            bytes += [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x07]  // 2001:db8::107
            bytes += [0x00, 0x00, 0x1C, 0x20, 0x00, 0x00, 0x2A, 0x30]  // preferred 7200, valid 10800
            bytes += [0x00, 0x05, 0x00, 0x18]  // a second IAADDR, withdrawn (valid lifetime 0)
            bytes += [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x08]
            bytes += [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            return bytes + [0x00, 0x27, 0x00, 0x06, 0x01, 0x04, 0x70, 0x6C, 0x63, 0x37]  // FQDN flags, "plc7"
        }
        let duidLL: [UInt8] = [0x00, 0x03, 0x00, 0x01, 0x00, 0x1b, 0x1b, 0x77, 0x02, 0x20]  // DUID-LL, Ethernet
        let withMAC = decode([reply(clientID: duidLL)], registration: DHCPProtocol.registrationV6)[0]
        #expect(withMAC.anomaly == "")
        #expect(withMAC.name == "Reply")
        #expect(withMAC.identity.isEmpty)  // the server's message says nothing about the server
        #expect(withMAC.related == ["00:1b:1b:77:02:20 ip=2001:db8::107", "00:1b:1b:77:02:20 name=plc7"])
        let duidEN: [UInt8] = [0x00, 0x02, 0x00, 0x00, 0x01, 0x37, 0x01, 0x02]  // DUID-EN: no MAC inside
        let withoutMAC = decode([reply(clientID: duidEN)], registration: DHCPProtocol.registrationV6)[0]
        #expect(withoutMAC.related == ["destination ip=2001:db8::107", "destination name=plc7"])
    }

    /// Random bytes and mutated valid messages: never a trap, always one event per datagram.
    @Test func garbageNeverTraps() {
        var generator = SeededGenerator(seed: 0xD4C9)
        var inputs: [[UInt8]] = []
        for index in 0..<3000 {
            let length = Int.random(in: 0...400, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if index % 2 == 0 {
                bytes = Self.request
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            }
            inputs.append(bytes)
        }
        #expect(decode(inputs).count == inputs.count)
        #expect(decode(inputs, registration: DHCPProtocol.registrationV6).count == inputs.count)
        #expect(decode(inputs, collecting: false).isEmpty)
    }
}
