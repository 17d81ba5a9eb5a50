import BinaryParsing
import Foundation
import PacketCapture
import PacketLayers
import Testing

@testable import Monitor

/// `PacketProcessor.quickShardHash` lets a worker drop another worker's packet without decoding
/// it; whenever it answers, it must give the shard hash the full decoder would.
@Suite("Quick shard against the full decode")
struct QuickShardTests {
    /// Every packet of every corpus capture.
    @Test(.enabled(if: Paths.corpusAvailable, "shared corpus not found"))
    func agreesWithTheFullDecodeOnEveryCorpusPacket() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Paths.corpus.path).filter {
            $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".cap")
        }.sorted()
        #expect(files.count >= 100)
        var answered = 0
        var packets = 0
        var packet = DecodedPacket()
        for file in files {
            guard let reader = try? CaptureFileReader(path: Paths.corpusFile(file)) else { continue }
            while let record = reader.nextPacket() {
                packets += 1
                LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
                guard let quick = PacketProcessor.quickShardHash(record.bytes, linkType: record.linkType.rawValue)
                else { continue }
                answered += 1
                let full = withUnsafePointer(to: &packet) { PacketProcessor.shardHash(of: $0) }
                #expect(quick == full, "\(file) packet \(packets)")
            }
        }
        // Most corpus traffic is plain Ethernet/IPv4: the fast path must actually be taken.
        #expect(answered > packets / 2, "\(answered) of \(packets)")
    }

    @Test func answersForTaggedIPv4AndLeavesTunnelsFragmentsOfTunnelsAndOtherTypesToTheDecoder() {
        func frame(tags: [UInt16], type: UInt16 = 0x0800, proto: UInt8 = 6, flags: UInt16 = 0, port: UInt16 = 502)
            -> [UInt8]
        {
            var bytes: [UInt8] = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6]
            for tag in tags { bytes += [0x81, 0x00, UInt8(tag >> 8), UInt8(tag & 0xFF)] }
            bytes += [UInt8(type >> 8), UInt8(type & 0xFF)]
            bytes += [0x45, 0, 0, 40, 0, 1, UInt8(flags >> 8), UInt8(flags & 0xFF), 64, proto, 0, 0]
            bytes += [10, 0, 0, 1, 10, 0, 0, 2]
            bytes += [0x30, 0x39, UInt8(port >> 8), UInt8(port & 0xFF)] + [UInt8](repeating: 0, count: 16)
            return bytes
        }
        func check(_ bytes: [UInt8], answers: Bool, _ comment: Comment) {
            bytes.withUnsafeBytes { raw in
                let view = ByteView(raw)
                var packet = DecodedPacket()
                LayerDecoder.decode(view, linkType: 1, into: &packet)
                let full = withUnsafePointer(to: &packet) { PacketProcessor.shardHash(of: $0) }
                let quick = PacketProcessor.quickShardHash(view, linkType: 1)
                #expect((quick != nil) == answers, comment)
                if let quick { #expect(quick == full, comment) }
            }
        }
        check(frame(tags: []), answers: true, "untagged TCP")
        check(frame(tags: [100]), answers: true, "one tag")
        check(frame(tags: [100, 200]), answers: true, "QinQ")
        check(frame(tags: [100, 200, 300]), answers: false, "three tags")
        check(frame(tags: [], proto: 17, port: 4789), answers: false, "VXLAN")
        check(frame(tags: [], proto: 17, port: 47808), answers: true, "UDP")
        check(frame(tags: [], proto: 47), answers: false, "GRE")
        check(frame(tags: [], proto: 4), answers: false, "IP in IP")
        check(frame(tags: [], proto: 47, flags: 0x2000), answers: true, "first fragment of a GRE datagram")
        check(frame(tags: [], type: 0x86DD), answers: false, "IPv6")
        check(frame(tags: [], type: 0x0806), answers: false, "ARP")
        check(Array(frame(tags: []).prefix(30)), answers: false, "truncated")
    }
}
