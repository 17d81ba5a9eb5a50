import BinaryParsing
import Foundation
import PacketCapture
import PacketLayers
import Testing

/// Captures with each link type a sensor meets, read by `CaptureFileReader` and decoded by
/// `LayerDecoder`: the addresses and ports must come out right whatever the link header.
@Suite("Link types through the capture reader")
struct CaptureLinkTypeTests {
    /// 10.20.30.40:50123 → 10.20.30.1:502, Modbus request.
    static let tcpIPv4 = ipv4(
        src: "10.20.30.40", dst: "10.20.30.1", proto: 6, tcp(src: 50_123, dst: 502, modbusRequest))
    /// [2001:db8::a]:47808 → [2001:db8::b]:47809, BACnet-ish payload.
    static let udpIPv6 = ipv6(
        src: "2001:db8::a", dst: "2001:db8::b", nextHeader: 17, udp(src: 47_808, dst: 47_809, [0x81, 0x0A, 0x00, 0x04]))

    struct Expected {
        var source: String
        var destination: String
        var sourcePort: UInt16
        var destinationPort: UInt16
        var network: DecodedPacket.Network
        var transport: DecodedPacket.Transport
        var payload: [UInt8]
        var sourceMAC: [UInt8]?
        var vlan: UInt16 = 0
    }

    static let expectTCP = Expected(
        source: "10.20.30.40", destination: "10.20.30.1", sourcePort: 50_123, destinationPort: 502, network: .ipv4,
        transport: .tcp, payload: modbusRequest)
    static let expectUDP = Expected(
        source: "2001:db8::a", destination: "2001:db8::b", sourcePort: 47_808, destinationPort: 47_809, network: .ipv6,
        transport: .udp, payload: [0x81, 0x0A, 0x00, 0x04])

    /// Linux cooked v1: packet type, ARPHRD, address length, 8-byte address, protocol.
    static func sll(_ type: UInt16, _ payload: [UInt8], packetType: UInt16 = 0) -> [UInt8] {
        be16(packetType) + be16(1) + be16(6) + MAC.d + [0, 0] + be16(type) + payload
    }

    /// Linux cooked v2: protocol, reserved, interface index, ARPHRD, packet type, address length, address.
    static func sll2(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        be16(type) + [0, 0] + be32(3) + be16(1) + [4, 6] + MAC.c + [0, 0] + payload
    }

    static let cases: [(name: String, linkType: UInt32, frames: [[UInt8]], expected: [Expected])] = {
        var withMACd = expectTCP
        withMACd.sourceMAC = MAC.d
        var udpWithMACd = expectUDP
        udpWithMACd.sourceMAC = MAC.d
        var withMACc = expectTCP
        withMACc.sourceMAC = MAC.c
        var udpWithMACc = expectUDP
        udpWithMACc.sourceMAC = MAC.c
        var tagged = withMACd
        tagged.vlan = 42
        return [
            (
                "EN10MB", 1,
                [ethernet(src: MAC.d, type: 0x0800, tcpIPv4), ethernet(src: MAC.d, type: 0x86DD, udpIPv6)],
                [withMACd, udpWithMACd]
            ),
            (
                "LINUX_SLL", 113,
                [
                    sll(0x0800, tcpIPv4, packetType: 4), sll(0x86DD, udpIPv6),
                    sll(0x8100, be16(42) + be16(0x0800) + tcpIPv4),
                ],
                [withMACd, udpWithMACd, tagged]
            ),
            ("LINUX_SLL2", 276, [sll2(0x0800, tcpIPv4), sll2(0x86DD, udpIPv6)], [withMACc, udpWithMACc]),
            ("RAW", 101, [tcpIPv4, udpIPv6], [expectTCP, expectUDP]),
            ("IPV4", 228, [tcpIPv4], [expectTCP]),
            ("IPV6", 229, [udpIPv6], [expectUDP]),
            // NULL: the family in the writer's byte order — little-endian writer, then big-endian writer;
            // IPv6 as Linux (10), FreeBSD (28) and macOS (30) would write it.
            (
                "NULL", 0,
                [le32(2) + tcpIPv4, be32(2) + tcpIPv4, le32(10) + udpIPv6, le32(28) + udpIPv6, be32(30) + udpIPv6],
                [expectTCP, expectTCP, expectUDP, expectUDP, expectUDP]
            ),
            // LOOP: always network byte order; 24 is the OpenBSD AF_INET6.
            ("LOOP", 108, [be32(2) + tcpIPv4, be32(24) + udpIPv6], [expectTCP, expectUDP]),
        ]
    }()

    @Test("addresses and ports through each link type", arguments: 0..<CaptureLinkTypeTests.cases.count)
    func linkType(index: Int) throws {
        let testCase = Self.cases[index]
        let path = temporaryFile(pcapFile(linkType: testCase.linkType, testCase.frames))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureFileReader(path: path)
        #expect(reader.format == .pcap)
        #expect(reader.linkTypes == [LinkType(rawValue: testCase.linkType)])
        var count = 0
        var packet = DecodedPacket()
        reading: while true {
            switch reader.next() {
            case .packet(let record):
                #expect(record.linkType.rawValue == testCase.linkType)
                #expect(record.timestamp == Int64(1_700_000_000 + count) * 1_000_000_000 + 250_000_000)
                guard count < testCase.expected.count else {
                    Issue.record("\(testCase.name): more packets than written")
                    break reading
                }
                let expected = testCase.expected[count]
                LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
                let label = "\(testCase.name) packet \(count + 1)"
                #expect(packet.anomaly == nil, "\(label): \(String(describing: packet.anomaly))")
                #expect(packet.network == expected.network, "\(label)")
                #expect(packet.source == ip(expected.source), "\(label)")
                #expect(packet.destination == ip(expected.destination), "\(label)")
                #expect(packet.transport == expected.transport, "\(label)")
                #expect(packet.sourcePort == expected.sourcePort, "\(label)")
                #expect(packet.destinationPort == expected.destinationPort, "\(label)")
                #expect(packet.payload.array == expected.payload, "\(label)")
                #expect(packet.outerVLAN == expected.vlan, "\(label)")
                if let sourceMAC = expected.sourceMAC {
                    #expect(packet.hasLinkAddresses, "\(label)")
                    #expect(packet.sourceMAC == mac(sourceMAC), "\(label)")
                } else {
                    #expect(!packet.hasLinkAddresses, "\(label)")
                }
                count += 1
            case .end:
                break reading
            case .failed(let error):
                Issue.record("\(testCase.name): \(error)")
                break reading
            }
        }
        #expect(count == testCase.frames.count, "\(testCase.name)")
    }

    @Test("a pcapng mixing link types: each packet decoded with its interface's link type")
    func pcapngMixedLinkTypes() throws {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
            var padded = body
            while padded.count % 4 != 0 { padded.append(0) }
            let length = UInt32(12 + padded.count)
            return le32(type) + le32(length) + padded + le32(length)
        }
        func epb(_ interface: UInt32, _ data: [UInt8]) -> [UInt8] {
            block(
                6,
                le32(interface) + le32(0) + le32(UInt32(data.count)) + le32(UInt32(data.count))
                    + le32(UInt32(data.count)) + data)
        }
        var file = block(0x0A0D_0D0A, le32(0x1A2B_3C4D) + le16(1) + le16(0) + [UInt8](repeating: 0xFF, count: 8))
        file += block(1, le16(1) + le16(0) + le32(0))
        file += block(1, le16(113) + le16(0) + le32(0))
        file += block(1, le16(101) + le16(0) + le32(0))
        file += epb(1, Self.sll(0x0800, Self.tcpIPv4))
        file += epb(0, ethernet(type: 0x86DD, Self.udpIPv6))
        file += epb(2, Self.tcpIPv4)
        let path = temporaryFile(file, suffix: ".pcapng")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureFileReader(path: path)
        var ports: [UInt16] = []
        var linkTypes: [UInt32] = []
        var packet = DecodedPacket()
        while case .packet(let record) = reader.next() {
            LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
            #expect(packet.anomaly == nil)
            ports.append(packet.destinationPort)
            linkTypes.append(record.linkType.rawValue)
        }
        #expect(linkTypes == [113, 1, 101])
        #expect(ports == [502, 47_809, 502])
    }
}
