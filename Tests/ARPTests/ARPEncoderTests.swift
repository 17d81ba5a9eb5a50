import PacketLayers
import Testing

@testable import ARP

@Suite struct ARPEncoderTests {
    let station = MACAddress("00:0c:29:f7:85:99")!
    let plcMAC = MACAddress("00:1b:1b:34:34:ce")!

    func ipv4(_ text: String) -> IPAddress {
        let parts = text.split(separator: ".").compactMap { UInt32($0) }
        return IPAddress(ipv4: parts.reduce(0) { $0 << 8 | $1 })
    }

    /// Ethernet header + payload, padded to 60 bytes as the simulator's framing does.
    func frame(_ payload: [UInt8], from source: MACAddress, to destination: MACAddress) -> [UInt8] {
        let bytes = ARPEncoder.bytes(of: destination) + ARPEncoder.bytes(of: source) + [0x08, 0x06] + payload
        return bytes + [UInt8](repeating: 0, count: max(0, 60 - bytes.count))
    }

    @Test func requestMatchesTheCorpusFrame() {
        // enip/EIP-ChangeDateAttempt.pcap frame 125, after the Ethernet header (tshark -x).
        let expected: [UInt8] = [
            0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,  // Ethernet, IPv4, 6, 4, request
            0x00, 0x0c, 0x29, 0xf7, 0x85, 0x99, 0xc0, 0xa8, 0x0a, 0x18,  // sender 00:0c:29:f7:85:99 192.168.10.24
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0x0a, 0x15,  // target 0 192.168.10.21
        ]
        #expect(
            ARPEncoder.request(senderMAC: station, senderIP: ipv4("192.168.10.24"), targetIP: ipv4("192.168.10.21"))
                == expected)
    }

    @Test func gratuitousMatchesTheCorpusAnnouncement() {
        // enip/EIP-ChangeDateAttempt.pcap frame 107 (tshark: gratuitous, announcement).
        let expected: [UInt8] = [
            0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
            0x00, 0xe0, 0x62, 0x60, 0x35, 0xd0, 0xc0, 0xa8, 0x0a, 0x83,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0x0a, 0x83,
        ]
        #expect(
            ARPEncoder.gratuitous(senderMAC: MACAddress("00:e0:62:60:35:d0")!, ip: ipv4("192.168.10.131")) == expected)
    }

    @Test func roundTripThroughTheDecoder() {
        let events = decodeARP([
            frame(
                ARPEncoder.request(senderMAC: station, senderIP: ipv4("10.0.0.1"), targetIP: ipv4("10.0.0.5")),
                from: station, to: .broadcast),
            frame(
                ARPEncoder.reply(
                    senderMAC: plcMAC, senderIP: ipv4("10.0.0.5"), targetMAC: station, targetIP: ipv4("10.0.0.1")),
                from: plcMAC, to: station),
            frame(ARPEncoder.gratuitous(senderMAC: plcMAC, ip: ipv4("10.0.0.5")), from: plcMAC, to: .broadcast),
        ])
        #expect(events.map(\.function) == [1, 2, 1])
        #expect(events.map(\.functionName) == ["Request", "Reply", "Request"])
        #expect(events.map(\.operation) == ["discovery", "discovery", "discovery"])
        #expect(
            events.map(\.targetText) == [
                "who-has 10.0.0.5 tell 10.0.0.1", "10.0.0.5 is-at 00:1b:1b:34:34:ce",
                "announcement 10.0.0.5 is-at 00:1b:1b:34:34:ce",
            ])
        #expect(
            events.map(\.related) == [
                ["00:0c:29:f7:85:99 ip=10.0.0.1"], ["00:1b:1b:34:34:ce ip=10.0.0.5"], ["00:1b:1b:34:34:ce ip=10.0.0.5"],
            ])
        #expect(events.allSatisfy { $0.anomaly == nil })
    }
}
