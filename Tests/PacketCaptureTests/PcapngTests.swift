import Foundation
import PacketCapture
import Testing

/// pcapng features built block by block in the test.
@Suite("pcapng")
struct PcapngTests {
    static let ethernetFrame: [UInt8] = [
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0x08, 0x00, 0x45, 0x00, 0x00, 0x14,
    ]
    static let rawIPv4: [UInt8] = [
        0x45, 0x00, 0x00, 0x14, 0x12, 0x34, 0x00, 0x00, 0x40, 0x11, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
    ]

    @Test("two interfaces with different link types in one section", arguments: [false, true])
    func twoInterfaces(bigEndian: Bool) throws {
        var file = PcapngBuilder(bigEndian: bigEndian)
        file.sectionHeader()
        file.interface(linkType: 1, snapLength: 65535)
        file.interface(linkType: 228, snapLength: 65535)
        file.enhancedPacket(interface: 1, timestamp: 1_600_000_000_000_001, Self.rawIPv4)
        file.enhancedPacket(interface: 0, timestamp: 1_600_000_000_000_002, Self.ethernetFrame, originalLength: 60)
        file.enhancedPacket(interface: 1, timestamp: 1_600_000_000_999_999, [0x45, 0x01, 0x02])  // padded to 4
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.format == .pcapng)
        #expect(outcome.linkTypes == [1, 228])
        #expect(outcome.packets.map(\.linkType) == [228, 1, 228])
        #expect(outcome.packets.map(\.interfaceID) == [1, 0, 1])
        #expect(outcome.packets.map(\.bytes) == [Self.rawIPv4, Self.ethernetFrame, [0x45, 0x01, 0x02]])
        #expect(outcome.packets.map(\.originalLength) == [20, 60, 3])
        // Default resolution: microseconds.
        #expect(
            outcome.packets.map(\.timestamp) == [
                1_600_000_000_000_001_000, 1_600_000_000_000_002_000, 1_600_000_000_999_999_000,
            ])
        #expect(outcome.anomalies.isEmpty, "\(outcome.anomalies)")
    }

    @Test("if_tsresol: 10^-9, 2^-6 and if_tsoffset", arguments: [false, true])
    func timestampResolution(bigEndian: Bool) throws {
        var offset: [UInt8] = []
        offset.put64(100, bigEndian: bigEndian)
        var file = PcapngBuilder(bigEndian: bigEndian)
        file.sectionHeader()
        file.interface(linkType: 1, options: [(2, Array("eth0".utf8)), (9, [9])])
        file.interface(linkType: 1, options: [(9, [0x86])])
        file.interface(linkType: 1, options: [(9, [3]), (14, offset)])
        file.enhancedPacket(interface: 0, timestamp: 1_700_000_000_123_456_789, Self.ethernetFrame)
        file.enhancedPacket(interface: 1, timestamp: 1_700_000_000 * 64 + 32, Self.ethernetFrame)  // + 0.5 s
        file.enhancedPacket(interface: 1, timestamp: 1_700_000_000 * 64 + 1, Self.ethernetFrame)  // + 1/64 s
        file.enhancedPacket(interface: 2, timestamp: 1_000_250, Self.ethernetFrame)  // ms, +100 s
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(
            outcome.packets.map(\.timestamp) == [
                1_700_000_000_123_456_789,
                1_700_000_000_500_000_000,
                1_700_000_000_015_625_000,
                1_100_250_000_000,
            ])
    }

    @Test("a second section resets the interfaces (and may change byte order)")
    func twoSections() throws {
        var first = PcapngBuilder(bigEndian: false)
        first.sectionHeader()
        first.interface(linkType: 1)
        first.interface(linkType: 1)
        first.enhancedPacket(interface: 1, timestamp: 1_000_000, Self.ethernetFrame)
        var second = PcapngBuilder(bigEndian: true)
        second.sectionHeader()
        second.interface(linkType: 101, options: [(9, [9])])
        second.enhancedPacket(interface: 0, timestamp: 2_000_000_000, Self.rawIPv4)
        second.enhancedPacket(interface: 1, timestamp: 3_000_000_000, Self.rawIPv4)  // gone with section 1
        second.enhancedPacket(interface: 0, timestamp: 4_000_000_000, Self.rawIPv4)
        let (outcome, _) = try readBytes(first.bytes + second.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.packets.map(\.linkType) == [1, 101, 101])
        #expect(outcome.packets.map(\.timestamp) == [1_000_000_000, 2_000_000_000, 4_000_000_000])
        #expect(outcome.packets.map(\.interfaceID) == [1, 0, 0])
        #expect(outcome.anomalies == ["pcapng.unknown_interface": 1])
        #expect(outcome.linkTypes == [1, 101])
    }

    @Test("known non-packet blocks are skipped silently, unknown ones are counted")
    func unknownBlocks() throws {
        var file = PcapngBuilder()
        file.sectionHeader()
        file.block(type: 0x0000_0BAD, body: [0, 0, 0x7E, 0x9F, 1, 2, 3])  // custom block (PEN + data)
        file.interface(linkType: 1)
        file.block(type: 4, body: [0, 0, 0, 0])  // name resolution: end of records
        file.enhancedPacket(interface: 0, timestamp: 5, Self.ethernetFrame)
        file.block(type: 0x1234_5678, body: [1, 2, 3, 4, 5, 6, 7, 8])
        file.block(type: 5, body: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])  // interface statistics
        file.block(type: 0x4000_0BAD, body: [0, 0, 0x7E, 0x9F])  // custom, do not copy
        file.block(type: 0x0BAD_F00D, body: [])
        file.enhancedPacket(interface: 0, timestamp: 6, Self.ethernetFrame)
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.packets.count == 2)
        #expect(outcome.packets.map(\.timestamp) == [5_000, 6_000])
        #expect(outcome.anomalies == ["pcapng.unknown_block_skipped": 2])
    }

    @Test("simple packet blocks and obsolete packet blocks", arguments: [false, true])
    func simpleAndObsoletePackets(bigEndian: Bool) throws {
        var file = PcapngBuilder(bigEndian: bigEndian)
        file.sectionHeader()
        file.interface(linkType: 228, snapLength: 8)
        file.interface(linkType: 1)
        // SPB: interface 0; captured = min(original length, snaplen, bytes present).
        file.simplePacket(Array(Self.rawIPv4[0..<6]))
        file.simplePacket(Self.rawIPv4)  // 20 bytes, snaplen 8
        file.obsoletePacket(interface: 1, timestamp: 7_000_001, Self.ethernetFrame)
        file.obsoletePacket(interface: 0, timestamp: 7_000_002, Array(Self.rawIPv4[0..<5]))
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.packets.count == 4)
        #expect(outcome.packets.map(\.linkType) == [228, 228, 1, 228])
        #expect(
            outcome.packets.map(\.bytes) == [
                Array(Self.rawIPv4[0..<6]), Array(Self.rawIPv4[0..<8]), Self.ethernetFrame, Array(Self.rawIPv4[0..<5]),
            ])
        #expect(outcome.packets.map(\.originalLength) == [6, 20, 18, 5])
        #expect(outcome.packets.map(\.interfaceID) == [0, 0, 1, 0])
        #expect(outcome.packets[2].timestamp == 7_000_001_000)
        #expect(outcome.packets[3].timestamp == 7_000_002_000)
    }

    @Test("a packet before any interface is counted, not delivered")
    func packetWithoutInterface() throws {
        var file = PcapngBuilder()
        file.sectionHeader()
        file.simplePacket(Self.rawIPv4)
        file.enhancedPacket(interface: 0, timestamp: 1, Self.rawIPv4)
        file.interface(linkType: 101)
        file.enhancedPacket(interface: 0, timestamp: 2, Self.rawIPv4)
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.packets.map(\.timestamp) == [2_000])
        #expect(outcome.anomalies == ["pcapng.unknown_interface": 2])
    }

    @Test("a block whose trailing length differs is counted and reading goes on")
    func trailerMismatch() throws {
        var file = PcapngBuilder()
        file.sectionHeader()
        file.interface(linkType: 1)
        var body: [UInt8] = []
        body.put32(0, bigEndian: false)
        body.put32(0, bigEndian: false)
        body.put32(9, bigEndian: false)
        body.put32(UInt32(Self.ethernetFrame.count), bigEndian: false)
        body.put32(UInt32(Self.ethernetFrame.count), bigEndian: false)
        body.append(contentsOf: Self.ethernetFrame)
        file.block(type: 6, body: body, trailerLength: 4)
        file.enhancedPacket(interface: 0, timestamp: 10, Self.ethernetFrame)
        let (outcome, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(outcome.error == nil)
        #expect(outcome.packets.map(\.timestamp) == [9_000, 10_000])
        #expect(outcome.anomalies == ["pcapng.block_trailer_mismatch": 1])
    }
}
