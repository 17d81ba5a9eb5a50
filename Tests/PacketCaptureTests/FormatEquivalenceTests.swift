import Foundation
import PacketCapture
import Testing

/// The same capture as little-endian µs pcap, big-endian pcap, ns pcap, pcapng, and gzip of each,
/// must give the same packets (count, bytes, wire length, link type, timestamps at µs precision).
@Suite("pcap / pcapng / gzip give the same packets")
struct FormatEquivalenceTests {
    /// Base name, packet count, first packet's time (µs since the epoch) and length (from tshark).
    static let captures: [(name: String, packets: Int, firstMicroseconds: Int64, firstLength: Int)] = [
        ("dnp3_udp_write", 2, 1_420_058_753_490_016, 63),
        ("modbus-eit", 4, 1_445_425_491_170_028, 65),
        ("dnp3_toclient_start", 5, 1_436_895_956_279_908, 83),
    ]

    /// Rewrites a little-endian classic pcap with every header field byte-swapped (big-endian file).
    static func bigEndianCopy(of bytes: [UInt8]) -> [UInt8]? {
        func u32(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3])
                << 24
        }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        guard bytes.count >= 24, u32(0) == 0xA1B2_C3D4 || u32(0) == 0xA1B2_3C4D else { return nil }
        var out: [UInt8] = []
        out.put32(u32(0)!, bigEndian: true)
        out.put16(u16(4), bigEndian: true)
        out.put16(u16(6), bigEndian: true)
        for field in stride(from: 8, to: 24, by: 4) { out.put32(u32(field)!, bigEndian: true) }
        var offset = 24
        while offset < bytes.count {
            guard let seconds = u32(offset), let fraction = u32(offset + 4), let caplen = u32(offset + 8),
                let length = u32(offset + 12), offset + 16 + Int(caplen) <= bytes.count
            else { return nil }
            out.put32(seconds, bigEndian: true)
            out.put32(fraction, bigEndian: true)
            out.put32(caplen, bigEndian: true)
            out.put32(length, bigEndian: true)
            out.append(contentsOf: bytes[(offset + 16)..<(offset + 16 + Int(caplen))])
            offset += 16 + Int(caplen)
        }
        return out
    }

    @Test("all forms agree", arguments: FormatEquivalenceTests.captures.map(\.name))
    func formsAgree(name: String) throws {
        let reference = try #require(Self.captures.first { $0.name == name })
        let base = try readAll(Paths.fixture("\(name).pcap"))
        #expect(base.error == nil)
        #expect(base.format == .pcap)
        #expect(!base.compressed)
        #expect(base.packets.count == reference.packets)
        #expect(base.linkTypes == [1])
        let first = try #require(base.packets.first)
        #expect(first.timestamp == reference.firstMicroseconds * 1000)
        #expect(first.bytes.count == reference.firstLength)
        #expect(first.originalLength == reference.firstLength)
        #expect(first.linkType == 1)
        // Timestamps never go backwards in these captures.
        #expect(zip(base.packets, base.packets.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })

        let forms: [(file: String, format: CaptureFileReader.Format, compressed: Bool)] = [
            ("\(name).nsec.pcap", .pcap, false),
            ("\(name).pcapng", .pcapng, false),
            ("\(name).pcap.gz", .pcap, true),
            ("\(name).pcapng.gz", .pcapng, true),
        ]
        for form in forms {
            let outcome = try readAll(Paths.fixture(form.file))
            check(outcome, against: base, label: form.file)
            #expect(outcome.format == form.format, "\(form.file)")
            #expect(outcome.compressed == form.compressed, "\(form.file)")
        }

        let swapped = try #require(Self.bigEndianCopy(of: fileBytes(Paths.fixture("\(name).pcap"))))
        #expect(swapped.prefix(4) == [0xA1, 0xB2, 0xC3, 0xD4])
        let (bigEndian, _) = try readBytes(swapped)
        check(bigEndian, against: base, label: "\(name) big-endian")

        let swappedNanoseconds = try #require(
            Self.bigEndianCopy(of: fileBytes(Paths.fixture("\(name).nsec.pcap"))))
        let (bigEndianNanoseconds, _) = try readBytes(swappedNanoseconds)
        check(bigEndianNanoseconds, against: base, label: "\(name) big-endian ns")
    }

    func check(_ outcome: ReadOutcome, against base: ReadOutcome, label: String) {
        #expect(outcome.error == nil, "\(label): \(String(describing: outcome.error))")
        #expect(outcome.packets.count == base.packets.count, "\(label)")
        #expect(outcome.linkTypes == base.linkTypes, "\(label)")
        for (index, (packet, expected)) in zip(outcome.packets, base.packets).enumerated() {
            #expect(packet.bytes == expected.bytes, "\(label) packet \(index + 1): bytes differ")
            #expect(packet.originalLength == expected.originalLength, "\(label) packet \(index + 1)")
            #expect(packet.linkType == expected.linkType, "\(label) packet \(index + 1)")
            #expect(
                packet.timestamp / 1000 == expected.timestamp / 1000,
                "\(label) packet \(index + 1): timestamp \(packet.timestamp) vs \(expected.timestamp)")
        }
    }

    @Test("a nanosecond pcap keeps its nanoseconds")
    func nanosecondPrecision() throws {
        var builder = PcapBuilder(linkType: 101, nanosecond: true)
        builder.record(seconds: 1_700_000_000, fraction: 123_456_789, [0x45, 0, 0, 20])
        builder.record(seconds: 1_700_000_001, fraction: 999_999_999, [0x45, 0, 0, 21, 0xFF])
        let (outcome, _) = try readBytes(builder.bytes)
        #expect(outcome.error == nil)
        #expect(outcome.packets.map(\.timestamp) == [1_700_000_000_123_456_789, 1_700_000_001_999_999_999])
        #expect(outcome.packets.map(\.bytes) == [[0x45, 0, 0, 20], [0x45, 0, 0, 21, 0xFF]])
        #expect(outcome.linkTypes == [101])
    }

    @Test("FCS bits in the pcap link-type field are masked off")
    func linkTypeFCSBits() throws {
        var builder = PcapBuilder(linkType: 0x4400_0001)  // FCS length 4 (bits 28-31), P bit 26, Ethernet
        builder.record(seconds: 1, fraction: 0, [UInt8](repeating: 0xAB, count: 18))
        let (outcome, _) = try readBytes(builder.bytes)
        #expect(outcome.packets.first?.linkType == 1)
        #expect(outcome.packets.first?.timestamp == 1_000_000_000)
    }
}
