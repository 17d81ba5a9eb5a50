import Foundation
import PacketCapture
import Testing

/// Damaged input: every packet before the damage is delivered, then one `.failed` whose description
/// names the file, the offset and the problem. Nothing crashes or hangs.
@Suite("Damaged captures")
struct DamageTests {
    /// modbus-eit.pcap: 24-byte header, then records of 16 + 65, 16 + 72, 16 + 65, 16 + 63 bytes.
    static let recordOffsets = [24, 105, 193, 274]
    static let fileLength = 353

    func expectDescription(_ error: CaptureError, path: String, offset: Int64, contains words: [String]) {
        #expect(error.path == path)
        #expect(error.offset == offset, "\(error)")
        let text = error.description
        #expect(text.hasPrefix("\(path): offset \(offset): "), "\(text)")
        for word in words { #expect(text.contains(word), "'\(word)' missing from: \(text)") }
    }

    @Test("bad magic: not a capture")
    func badMagic() throws {
        let path = temporaryFile(Array("GET / HTTP/1.1\r\nHost: plc\r\n\r\n".utf8), suffix: ".pcap")
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .notACapture)
        expectDescription(error, path: path, offset: 0, contains: ["not a pcap or pcapng", "47455420"])
    }

    @Test("a file shorter than a magic number")
    func tooShort() throws {
        let path = temporaryFile([0xD4, 0xC3], suffix: ".pcap")
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .notACapture)
        expectDescription(error, path: path, offset: 0, contains: ["too short", "2 bytes"])
    }

    @Test("pcap global header cut short")
    func truncatedGlobalHeader() throws {
        let bytes = Array(fileBytes(Paths.fixture("modbus-eit.pcap")).prefix(20))
        let path = temporaryFile(bytes)
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .truncated)
        expectDescription(error, path: path, offset: 0, contains: ["global header truncated", "20 of 24"])
    }

    @Test("file cut in the middle of a packet")
    func truncatedRecord() throws {
        let original = try readAll(Paths.fixture("modbus-eit.pcap"))
        let bytes = fileBytes(Paths.fixture("modbus-eit.pcap"))
        #expect(bytes.count == Self.fileLength)
        let cut = Self.recordOffsets[2] + 16 + 30  // 30 of packet 3's 65 bytes
        let path = temporaryFile(Array(bytes.prefix(cut)))
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets == Array(original.packets.prefix(2)))
        let error = try #require(outcome.error)
        #expect(error.code == .truncated)
        expectDescription(
            error, path: path, offset: Int64(Self.recordOffsets[2]), contains: ["record truncated", "65", "30"])
    }

    @Test("file cut in the middle of a record header")
    func truncatedRecordHeader() throws {
        let original = try readAll(Paths.fixture("modbus-eit.pcap"))
        let bytes = fileBytes(Paths.fixture("modbus-eit.pcap"))
        let cut = Self.recordOffsets[3] + 9
        let path = temporaryFile(Array(bytes.prefix(cut)))
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets == Array(original.packets.prefix(3)))
        let error = try #require(outcome.error)
        #expect(error.code == .truncated)
        expectDescription(error, path: path, offset: Int64(Self.recordOffsets[3]), contains: ["9 of 16"])
    }

    @Test("a file that ends exactly after a record ends cleanly")
    func cleanEndAtEveryRecordBoundary() throws {
        let original = try readAll(Paths.fixture("modbus-eit.pcap"))
        let bytes = fileBytes(Paths.fixture("modbus-eit.pcap"))
        for (index, boundary) in (Self.recordOffsets + [Self.fileLength]).enumerated() {
            let (outcome, _) = try readBytes(Array(bytes.prefix(boundary)))
            #expect(outcome.error == nil)
            #expect(outcome.packets == Array(original.packets.prefix(index)))
        }
    }

    @Test("every cut of a real capture: a prefix of its packets, then end or a truncation error")
    func everyCut() throws {
        let original = try readAll(Paths.fixture("modbus-eit.pcap"))
        let bytes = fileBytes(Paths.fixture("modbus-eit.pcap"))
        for cut in 24..<bytes.count {
            let (outcome, _) = try readBytes(Array(bytes.prefix(cut)))
            let whole = (Self.recordOffsets + [Self.fileLength]).filter { $0 <= cut }.count - 1
            #expect(outcome.packets == Array(original.packets.prefix(whole)), "cut at \(cut)")
            if Self.recordOffsets.contains(cut) {
                #expect(outcome.error == nil, "cut at \(cut)")
            } else {
                #expect(outcome.error?.code == .truncated, "cut at \(cut)")
                #expect(outcome.error?.offset == Int64(Self.recordOffsets[whole]), "cut at \(cut)")
            }
        }
    }

    @Test("caplen above the snaplen but plausible: counted, reading goes on")
    func caplenExceedsSnaplen() throws {
        var builder = PcapBuilder(linkType: 1, snapLength: 65535)
        builder.record(seconds: 1, fraction: 0, [UInt8](repeating: 1, count: 60))
        builder.record(seconds: 2, fraction: 0, [UInt8](repeating: 2, count: 300_000))
        builder.record(seconds: 3, fraction: 0, [UInt8](repeating: 3, count: 60), originalLength: 40)
        let (outcome, _) = try readBytes(builder.bytes)
        #expect(outcome.error == nil)
        #expect(outcome.packets.map(\.bytes.count) == [60, 300_000, 60])
        #expect(outcome.packets.map(\.timestamp) == [1_000_000_000, 2_000_000_000, 3_000_000_000])
        #expect(outcome.packets[1].bytes.allSatisfy { $0 == 2 })
        // Wire length below caplen: counted too, and the wire length is never below what was captured.
        #expect(outcome.packets[2].originalLength == 60)
        #expect(
            outcome.anomalies == ["capture.caplen_exceeds_snaplen": 1, "capture.caplen_exceeds_wire_length": 1])
    }

    @Test("absurd caplen (0x7FFFFFFF): .absurdLength at that record's offset")
    func absurdCaplen() throws {
        var builder = PcapBuilder(linkType: 1, snapLength: 65535)
        builder.record(seconds: 1, fraction: 5, [UInt8](repeating: 1, count: 60))
        builder.record(seconds: 2, fraction: 6, [UInt8](repeating: 2, count: 61))
        let damageOffset = builder.bytes.count
        builder.record(seconds: 3, fraction: 7, [UInt8](repeating: 3, count: 64), capturedLength: 0x7FFF_FFFF)
        builder.record(seconds: 4, fraction: 8, [UInt8](repeating: 4, count: 64))
        let path = temporaryFile(builder.bytes)
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets.map(\.bytes.count) == [60, 61])
        #expect(outcome.packets.map(\.timestamp) == [1_000_005_000, 2_000_006_000])
        let error = try #require(outcome.error)
        #expect(error.code == .absurdLength)
        #expect(damageOffset == 24 + 76 + 77)
        expectDescription(error, path: path, offset: Int64(damageOffset), contains: ["2147483647", "damaged"])
    }

    @Test("zero-length file: .empty from init")
    func emptyFile() throws {
        let path = temporaryFile([])
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .empty)
        #expect(error.description.hasPrefix(path))
        #expect(error.description.contains("empty"))
    }

    @Test("a directory: .isDirectory")
    func directory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-dir-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .isDirectory)
        #expect(error.description == "\(path): is a directory, not a capture file")
    }

    @Test("missing file: .cannotOpen")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-missing-\(UUID().uuidString).pcap"
        )
        .path
        let error = try #require(openError(path))
        #expect(error.code == .cannotOpen)
        #expect(error.description.hasPrefix("\(path): "))
        #expect(error.description.contains("No such file"))
    }

    @Test("random bytes: not a capture", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func garbage(seed: UInt64) throws {
        var bytes = randomBytes(4096, seed: seed)
        bytes[0] = 0x5A  // no capture magic starts with 0x5A
        let path = temporaryFile(bytes)
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .notACapture)
        #expect(error.offset == 0)
        #expect(error.description.hasPrefix("\(path): offset 0: not a pcap"))
    }

    @Test("valid headers followed by random bytes: no crash, no hang, a failure with an offset", arguments: 1...40)
    func garbageAfterHeader(seed: Int) throws {
        let random = randomBytes(8192, seed: UInt64(seed) &* 7919)
        let headers: [(String, [UInt8])] = [
            ("pcap", PcapBuilder(linkType: 1).bytes),
            ("pcap-be", PcapBuilder(linkType: 1, bigEndian: true).bytes),
            (
                "pcapng",
                {
                    var b = PcapngBuilder()
                    b.sectionHeader()
                    b.interface(linkType: 1)
                    return b.bytes
                }()
            ),
            (
                "pcapng-be",
                {
                    var b = PcapngBuilder(bigEndian: true)
                    b.sectionHeader()
                    return b.bytes
                }()
            ),
        ]
        for (label, header) in headers {
            let path = temporaryFile(header + random)
            defer { removeTemporary(path) }
            let outcome = try readAll(path, limit: 100_000)
            // Random lengths are almost surely inconsistent somewhere before the end.
            let error = try #require(
                outcome.error, "\(label) seed \(seed): read \(outcome.packets.count) packets and ended")
            let offset = try #require(error.offset)
            #expect(offset >= Int64(header.count) && offset < Int64(header.count + random.count), "\(label): \(error)")
            #expect(error.description.hasPrefix("\(path): offset \(offset): "))
        }
    }

    @Test(
        "random byte damage in real captures: no crash, no hang, errors inside the file",
        arguments: [
            "modbus-eit.pcap", "dnp3_toclient_start.pcapng", "dnp3_udp_write.nsec.pcap", "modbus-eit.pcapng.gz",
        ])
    func randomDamage(name: String) throws {
        let original = fileBytes(Paths.fixture(name))
        var generator = SeededGenerator(state: UInt64(original.count))
        var failures = 0
        for _ in 0..<150 {
            var damaged = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                damaged.removeLast(Int.random(in: 0..<(damaged.count / 2), using: &generator))
            }
            let path = temporaryFile(damaged)
            defer { removeTemporary(path) }
            switch Result(catching: { () throws(CaptureError) in try readAll(path, limit: 10_000) }) {
            case .success(let outcome):
                #expect(outcome.packets.count < 10_000)
                if let error = outcome.error {
                    failures += 1
                    #expect(error.description.hasPrefix("\(path): "))
                    if !outcome.compressed, let offset = error.offset {
                        #expect(offset >= 0 && offset <= Int64(damaged.count), "\(error)")
                    }
                }
            case .failure(let error):
                failures += 1
                #expect(error.path == path)
            }
        }
        #expect(failures > 0, "no damage was ever detected in \(name)")
    }

    // MARK: gzip

    @Test("truncated gzip: the packets decompressed so far, then a truncation error")
    func truncatedGzip() throws {
        let original = try readAll(Paths.fixture("dnp3_toclient_start.pcap"))
        let compressed = fileBytes(Paths.fixture("dnp3_toclient_start.pcap.gz"))
        var sawPackets = false
        var sawFailureAfterPackets = false
        for cut in stride(from: 12, to: compressed.count, by: 5) {
            let path = temporaryFile(Array(compressed.prefix(cut)), suffix: ".pcap.gz")
            defer { removeTemporary(path) }
            switch Result(catching: { () throws(CaptureError) in try readAll(path) }) {
            case .success(let outcome):
                #expect(outcome.compressed)
                #expect(outcome.packets == Array(original.packets.prefix(outcome.packets.count)), "cut at \(cut)")
                if !outcome.packets.isEmpty { sawPackets = true }
                guard let error = outcome.error else {
                    Issue.record(
                        "cut at \(cut) of \(compressed.count): no error after \(outcome.packets.count) packets")
                    continue
                }
                if !outcome.packets.isEmpty { sawFailureAfterPackets = true }
                #expect(error.code == .truncated, "cut at \(cut): \(error)")
                #expect(error.description.hasPrefix("\(path): offset "), "\(error)")
                #expect(error.description.contains("truncated"), "\(error)")
            case .failure(let error):
                // Cut before the pcap header could be decompressed: refused at open.
                #expect(error.code == .truncated, "cut at \(cut): \(error)")
                #expect(error.description.hasPrefix("\(path): offset 0: "), "\(error)")
            }
        }
        #expect(sawPackets, "no cut delivered any packet before the damage")
        #expect(sawFailureAfterPackets)
    }

    @Test("gzip cut in its header is refused at open")
    func gzipHeaderOnly() throws {
        let compressed = fileBytes(Paths.fixture("modbus-eit.pcap.gz"))
        let path = temporaryFile(Array(compressed.prefix(6)), suffix: ".pcap.gz")
        defer { removeTemporary(path) }
        let error = try #require(openError(path))
        #expect(error.code == .truncated)
        #expect(error.description.hasPrefix("\(path): offset 0: "))
        #expect(error.description.contains("gzip"))
    }

    @Test("corrupt gzip data: a compression error, never a crash")
    func corruptGzip() throws {
        var compressed = fileBytes(Paths.fixture("modbus-eit.pcapng.gz"))
        for index in 40..<min(compressed.count - 8, 140) { compressed[index] ^= 0xA5 }
        let path = temporaryFile(compressed, suffix: ".pcapng.gz")
        defer { removeTemporary(path) }
        switch Result(catching: { () throws(CaptureError) in try readAll(path) }) {
        case .success(let outcome):
            let error = try #require(outcome.error)
            #expect(error.code == .compression || error.code == .truncated || error.code == .badBlock, "\(error)")
            #expect(error.description.hasPrefix("\(path): offset "))
        case .failure(let error):
            #expect(error.code == .compression, "\(error)")
        }
    }

    @Test("two concatenated gzip members read as one stream")
    func concatenatedGzip() throws {
        let original = try readAll(Paths.fixture("modbus-eit.pcap"))
        let outcome = try readAll(Paths.fixture("modbus-eit.2members.pcap.gz"))
        #expect(outcome.compressed)
        #expect(outcome.error == nil)
        #expect(outcome.packets == original.packets)
    }

    // MARK: pcapng damage

    static func pcapngWithPackets() -> (bytes: [UInt8], packetOffsets: [Int]) {
        var file = PcapngBuilder()
        file.sectionHeader()
        file.interface(linkType: 1)
        var offsets: [Int] = []
        for index in 0..<3 {
            offsets.append(file.bytes.count)
            file.enhancedPacket(interface: 0, timestamp: UInt64(index), [UInt8](repeating: UInt8(index), count: 30))
        }
        return (file.bytes, offsets)
    }

    @Test("pcapng cut in the middle of a block")
    func truncatedPcapngBlock() throws {
        let (bytes, offsets) = Self.pcapngWithPackets()
        let path = temporaryFile(Array(bytes.prefix(offsets[2] + 20)), suffix: ".pcapng")
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets.map(\.bytes) == [[UInt8](repeating: 0, count: 30), [UInt8](repeating: 1, count: 30)])
        let error = try #require(outcome.error)
        #expect(error.code == .truncated)
        expectDescription(error, path: path, offset: Int64(offsets[2]), contains: ["block truncated", "64", "20"])
    }

    @Test("pcapng block length not a multiple of 4, or absurd")
    func badPcapngBlockLength() throws {
        let (bytes, offsets) = Self.pcapngWithPackets()
        for (length, code, word) in [
            (UInt32(66), CaptureError.Code.badBlock, "invalid length 66"),
            (UInt32(8), .badBlock, "invalid length 8"),
            (UInt32(0x7FFF_FFFC), .absurdLength, "2147483644"),
        ] {
            var damaged = bytes
            withUnsafeBytes(of: length.littleEndian) {
                damaged.replaceSubrange((offsets[1] + 4)..<(offsets[1] + 8), with: $0)
            }
            let path = temporaryFile(damaged, suffix: ".pcapng")
            defer { removeTemporary(path) }
            let outcome = try readAll(path)
            #expect(outcome.packets.count == 1)
            let error = try #require(outcome.error)
            #expect(error.code == code)
            expectDescription(error, path: path, offset: Int64(offsets[1]), contains: [word])
        }
    }

    @Test("pcapng packet block whose caplen exceeds the block")
    func pcapngCaplenBeyondBlock() throws {
        let (bytes, offsets) = Self.pcapngWithPackets()
        var damaged = bytes
        withUnsafeBytes(of: UInt32(33).littleEndian) {
            damaged.replaceSubrange((offsets[1] + 20)..<(offsets[1] + 24), with: $0)
        }
        let path = temporaryFile(damaged, suffix: ".pcapng")
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets.count == 1)
        let error = try #require(outcome.error)
        #expect(error.code == .badBlock)
        expectDescription(error, path: path, offset: Int64(offsets[1]), contains: ["33 captured bytes", "holds 32"])
    }

    @Test("a later section header with a bad byte-order magic")
    func badSectionMagic() throws {
        let (bytes, _) = Self.pcapngWithPackets()
        var second = PcapngBuilder()
        second.sectionHeader()
        second.bytes[8] = 0x99
        let path = temporaryFile(bytes + second.bytes, suffix: ".pcapng")
        defer { removeTemporary(path) }
        let outcome = try readAll(path)
        #expect(outcome.packets.count == 3)
        let error = try #require(outcome.error)
        #expect(error.code == .badBlock)
        expectDescription(error, path: path, offset: Int64(bytes.count), contains: ["byte-order magic"])
    }
}
