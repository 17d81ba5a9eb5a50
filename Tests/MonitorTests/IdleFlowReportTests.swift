import BinaryParsing
import EventModel
import PacketCapture
import Testing

@testable import Monitor

/// A worker whose flow idles out on another worker's packet reports it there and then, as one
/// worker would: the observer hears of it during the same capture file, whatever the split.
@Suite("Idle flows reported where they idle out")
struct IdleFlowReportTests {
    final class Recorder: PacketPathObserver {
        var file = ""
        var ended: [(file: String, flow: FlowSummary)] = []
        func observe(_ batch: EventBatch) {}
        func flowEnded(_ flow: FlowSummary) { ended.append((file, flow)) }
        func captureFileStarted(_ path: String) { file = path }
    }

    /// Ethernet / IPv4 / UDP from 10.0.0.`source` to 10.0.0.`destination`.
    static func datagram(_ source: UInt8, _ destination: UInt8) -> [UInt8] {
        var bytes: [UInt8] = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00]
        bytes += [0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, source, 10, 0, 0, destination]
        bytes += [0x30, 0x39, 0x30, 0x3A, 0, 12, 0, 0, 1, 2, 3, 4]
        return bytes
    }

    @Test func aFlowEndedByAnotherWorkersPacketIsReportedInThatPacketsFile() {
        let shards = SharedShards(workers: 2)
        let own = Self.datagram(1, 2)
        let others = Self.datagram(3, 4)
        // Pairs given out in advance: 10.0.0.1–2 to worker 0, 10.0.0.3–4 to worker 1 (a claim
        // by a worker far ahead of the other goes to that worker).
        for (bytes, worker) in [(own, 0), (others, 1)] {
            let hash = bytes.withUnsafeBytes { PacketProcessor.quickShardHash(ByteView($0), linkType: 1) }!
            let owner = shards.claim(bucket: SharedShards.bucket(of: hash), finder: worker, read: 1_000_000, owned: 0)
            #expect(owner == worker + 1)
        }
        let processor = PacketProcessor(
            registry: ProtocolRegistry(ProtocolCatalog.standard), shardIndex: 0, shardCount: 2, shards: shards)
        let recorder = Recorder()
        processor.observer = recorder
        let second: Int64 = 1_000_000_000
        // a.pcap: this worker's flow. b.pcap, 20 minutes later: only the other worker's packets,
        // which idle the flow out. c.pcap: this worker's pair again (a new flow).
        let files: [(String, [(bytes: [UInt8], time: Int64)])] = [
            ("a.pcap", [(own, 0), (own, second)]),
            ("b.pcap", [(others, 1_200 * second), (others, 1_201 * second)]),
            ("c.pcap", [(own, 1_202 * second)]),
        ]
        for (file, packets) in files {
            processor.flushEvents()
            recorder.captureFileStarted(file)
            for (frame, packet) in packets.enumerated() {
                packet.bytes.withUnsafeBytes { buffer in
                    let record = PacketRecord(
                        timestamp: packet.time, originalLength: buffer.count, linkType: LinkType(rawValue: 1),
                        bytes: ByteView(buffer))
                    processor.process(record, frame: UInt64(frame + 1))
                }
            }
        }
        processor.finish()
        #expect(recorder.ended.count == 2)
        #expect(
            recorder.ended.first?.file == "b.pcap", "the first flow ended during \(recorder.ended.first?.file ?? "-")")
        #expect(recorder.ended.first?.flow.entry.packets == 2)
        #expect(recorder.ended.last?.file == "c.pcap")
        #expect(processor.statistics.packets == 3)
    }
}
