import Foundation
import PacketCapture
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files much larger than the reader's 256 KiB buffer: records straddle the buffer's end, one
/// record is larger than the buffer, and gzip input spans many 1 MiB compressed reads.
@Suite("Large files and resources")
struct LargeFileTests {
    /// Packet `index` of `length` bytes: the index, then a pattern that depends on it.
    static func packet(_ index: Int, length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        for position in 0..<length { bytes[position] = UInt8(truncatingIfNeeded: index &* 31 &+ position) }
        if length >= 4 {
            for shift in 0..<4 { bytes[shift] = UInt8(truncatingIfNeeded: index >> (8 * shift)) }
        }
        return bytes
    }

    /// ~9 MiB pcap: varied record sizes, and record 100 is 5 MiB (larger than the window).
    static func bigCapture() -> (bytes: [UInt8], lengths: [Int]) {
        var generator = SeededGenerator(state: 99)
        var builder = PcapBuilder(linkType: 1, snapLength: 0)  // snaplen 0: unknown
        var lengths: [Int] = []
        var total = 0
        var index = 0
        while total < 8 << 20 || index <= 100 {
            let length = index == 100 ? 5 << 20 : Int.random(in: 0...70_000, using: &generator)
            builder.record(seconds: UInt32(index), fraction: UInt32(index % 1_000_000), packet(index, length: length))
            lengths.append(length)
            total += length + 16
            index += 1
        }
        return (builder.bytes, lengths)
    }

    func check(_ outcome: ReadOutcome, lengths: [Int], label: String) {
        #expect(outcome.error == nil, "\(label): \(String(describing: outcome.error))")
        #expect(outcome.packets.count == lengths.count, "\(label)")
        var mismatches = 0
        for (index, packet) in outcome.packets.enumerated() where index < lengths.count {
            if packet.bytes != Self.packet(index, length: lengths[index])
                || packet.timestamp != Int64(index) * 1_000_000_000 + Int64(index % 1_000_000) * 1000
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0, "\(label): \(mismatches) packets differ")
        #expect(outcome.anomalies.isEmpty, "\(label): \(outcome.anomalies)")
    }

    @Test("a 9 MiB pcap with a 5 MiB record, plain and gzip")
    func bigFile() throws {
        let (bytes, lengths) = Self.bigCapture()
        #expect(bytes.count > 8 << 20)
        let path = temporaryFile(bytes)
        defer { removeTemporary(path) }
        check(try readAll(path), lengths: lengths, label: "plain")

        // gzip it with the system tool (skipped where gzip is missing).
        if runTool(["gzip", "-k", "-1", path]) != nil {
            defer { removeTemporary(path + ".gz") }
            let outcome = try readAll(path + ".gz")
            #expect(outcome.compressed)
            check(outcome, lengths: lengths, label: "gzip")
        }
    }

    /// Reads `path` with `nextPackets`, copying each batch only once the whole batch is returned:
    /// a record moved or overwritten by a later one of its batch shows as a changed packet.
    static func readBatched(_ path: String, capacity: Int) throws(CaptureError) -> ReadOutcome {
        let reader = try CaptureFileReader(path: path)
        let records = UnsafeMutablePointer<PacketRecord>.allocate(capacity: capacity)
        defer { records.deallocate() }
        var outcome = ReadOutcome()
        var batches = 0
        while case let count = reader.nextPackets(into: records, capacity: capacity), count > 0 {
            #expect(count <= capacity)
            for index in 0..<count {
                let record = records[index]
                outcome.packets.append(
                    ReadPacket(
                        timestamp: record.timestamp, originalLength: record.originalLength,
                        linkType: record.linkType.rawValue, interfaceID: record.interfaceID,
                        bytes: record.bytes.array))
            }
            batches += 1
            if batches > 1_000_000 { break }
        }
        #expect(reader.nextPackets(into: records, capacity: capacity) == 0, "nothing after the end or a failure")
        #expect(reader.packetCount == outcome.packets.count)
        outcome.error = reader.error
        outcome.anomalies = reader.anomalies.byName
        return outcome
    }

    @Test("batched reads: every record of a batch stays intact across buffer refills", arguments: [1, 7, 32])
    func batchedReads(capacity: Int) throws {
        let (bytes, lengths) = Self.bigCapture()
        let path = temporaryFile(bytes)
        defer { removeTemporary(path) }
        check(try Self.readBatched(path, capacity: capacity), lengths: lengths, label: "batches of \(capacity)")

        // Cut inside the last record: the batches deliver every whole record, then the damage.
        let cut = temporaryFile(Array(bytes.dropLast(10)))
        defer { removeTemporary(cut) }
        let damaged = try Self.readBatched(cut, capacity: capacity)
        #expect(damaged.packets.count == lengths.count - 1)
        #expect(damaged.error?.code == .truncated)
        #expect(damaged.packets.last?.bytes == Self.packet(lengths.count - 2, length: lengths[lengths.count - 2]))
    }

    @Test("a header-only pcap and a header-only pcapng have no packets and no error")
    func headerOnly() throws {
        let (pcap, _) = try readBytes(PcapBuilder(linkType: 1).bytes)
        #expect(pcap.error == nil)
        #expect(pcap.packets.isEmpty)
        #expect(pcap.linkTypes == [1])
        var file = PcapngBuilder()
        file.sectionHeader()
        let (pcapng, _) = try readBytes(file.bytes, suffix: ".pcapng")
        #expect(pcapng.error == nil)
        #expect(pcapng.packets.isEmpty)
        #expect(pcapng.format == .pcapng)
    }

    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    @Test(
        "refused and abandoned files do not leak descriptors",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func noDescriptorLeak() throws {
        let empty = temporaryFile([])
        let garbage = temporaryFile(Array("not a capture at all".utf8))
        let badGzip = temporaryFile([0x1F, 0x8B, 0x08, 0x00, 0x00], suffix: ".gz")
        let good = Paths.fixture("modbus-eit.pcap.gz")
        let directory = FileManager.default.temporaryDirectory.path
        defer { [empty, garbage, badGzip].forEach(removeTemporary) }
        let before = Self.openDescriptors()
        for _ in 0..<200 {
            for path in [empty, garbage, badGzip, directory] { _ = openError(path) }
            // Opened, one packet read, then dropped without reading to the end.
            if let reader = try? CaptureFileReader(path: good) { _ = reader.next() }
        }
        let after = Self.openDescriptors()
        // Other tests run in parallel and hold a few files open; a leak would be ≥ 200.
        #expect(after - before < 100, "descriptors: \(before) before, \(after) after")
    }

    // MARK: gzip members built by hand (stored deflate blocks), to place member boundaries exactly

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            table[index] = value
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// One gzip member holding `data` in stored deflate blocks, padded with a comment field to
    /// exactly `totalLength` bytes when given.
    static func gzipMember(_ data: [UInt8], totalLength: Int? = nil) -> [UInt8] {
        var blocks: [UInt8] = []
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            blocks.append(final)  // BFINAL, BTYPE 00 (stored), then byte-aligned
            blocks.put16(UInt16(length), bigEndian: false)
            blocks.put16(~UInt16(length), bigEndian: false)
            blocks.append(contentsOf: data[offset..<(offset + length)])
            offset += length
        } while offset < data.count
        var trailer: [UInt8] = []
        trailer.put32(crc32(data), bigEndian: false)
        trailer.put32(UInt32(truncatingIfNeeded: data.count), bigEndian: false)
        var header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        if let totalLength {
            let commentLength = totalLength - header.count - blocks.count - trailer.count
            precondition(commentLength >= 1)
            header[3] = 0x10  // FCOMMENT: a zero-terminated comment follows the header
            header += [UInt8](repeating: 0x41, count: commentLength - 1) + [0]
        }
        return header + blocks + trailer
    }

    @Test(
        "gzip members read whole wherever their boundary falls in the 1 MiB compressed reads",
        arguments: [
            (1 << 20) - 1, (1 << 20) - 2, 1 << 20, (1 << 20) + 1, 300_000,
        ])
    func gzipMemberBoundary(firstMemberLength: Int) throws {
        var builder = PcapBuilder(linkType: 1)
        let lengths = (0..<200).map { 4000 + $0 * 7 }
        for (index, length) in lengths.enumerated() {
            builder.record(
                seconds: UInt32(index), fraction: UInt32(index % 1_000_000), Self.packet(index, length: length))
        }
        let plain = builder.bytes
        let split = 250_000
        let first = Self.gzipMember(Array(plain[..<split]), totalLength: firstMemberLength)
        #expect(first.count == firstMemberLength)
        let second = Self.gzipMember(Array(plain[split...]))
        let path = temporaryFile(first + second, suffix: ".pcap.gz")
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.compressed)
        check(outcome, lengths: lengths, label: "member boundary at \(firstMemberLength)")
    }
}
