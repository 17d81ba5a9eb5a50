import ARP
import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import PacketCapture
import PacketLayers

/// Ethernet header + ARP body for an Ethernet/IPv4 ARP packet (RFC 826), padded to the 60-byte minimum.
func arpFrame(
    ethernetSource: [UInt8]? = nil, ethernetDestination: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    etherType: UInt16 = 0x0806, opcode: UInt16, senderMAC: [UInt8], senderIP: [UInt8], targetMAC: [UInt8],
    targetIP: [UInt8]
) -> [UInt8] {
    var frame = ethernetDestination + (ethernetSource ?? senderMAC) + [UInt8(etherType >> 8), UInt8(etherType & 0xff)]
    frame += [0x00, 0x01]  // hardware type 1 (Ethernet)
    frame += [0x08, 0x00]  // protocol type IPv4
    frame += [0x06, 0x04]  // hardware length 6, protocol length 4
    frame += [UInt8(opcode >> 8), UInt8(opcode & 0xff)]  // operation
    frame += senderMAC + senderIP + targetMAC + targetIP
    return frame + [UInt8](repeating: 0, count: max(0, 60 - frame.count))  // Ethernet padding
}

/// Runs Ethernet frames through the layer decoder and one ARP decoder (kept across frames, as a
/// worker keeps it), one second apart unless `times` (seconds) says otherwise.
func decodeARP(
    _ frames: [[UInt8]], times: [Int64]? = nil, decoder: ARPFrameDecoder = ARPFrameDecoder(),
    batch: EventBatch = EventBatch()
) -> [EventRecord] {
    for (index, frame) in frames.enumerated() {
        ByteView.with(frame) { view in
            var packet = DecodedPacket()
            LayerDecoder.decode(view, linkType: 1, into: &packet)
            var context = PacketContext()
            context.frame = UInt64(index + 1)
            context.timestamp = (times?[index] ?? Int64(index)) * 1_000_000_000
            context.sourceMAC = packet.sourceMAC
            context.destinationMAC = packet.destinationMAC
            context.hasMACs = packet.hasLinkAddresses
            decoder.receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
    }
    return batch.events.map { EventRecord($0, in: batch) }
}

/// Runs frames through a whole packet processor with the standard catalog (the real dispatch path).
func processFrames(_ frames: [[UInt8]]) -> [EventRecord] {
    var configuration = MonitorConfiguration()
    configuration.collectEvents = true
    let processor = PacketProcessor(configuration: configuration, registry: ProtocolRegistry(ProtocolCatalog.standard))
    var records: [EventRecord] = []
    processor.onEventBatch = { batch in records += batch.events.map { EventRecord($0, in: batch) } }
    for (index, frame) in frames.enumerated() {
        frame.withUnsafeBytes { raw in
            let record = PacketRecord(
                timestamp: Int64(index) * 1_000_000_000, originalLength: frame.count, linkType: .ethernet,
                bytes: ByteView(raw))
            processor.process(record, frame: UInt64(index + 1))
        }
    }
    processor.finish()
    return records
}

/// The corpus captures of `Fixtures/arp.tshark.tsv` and tshark's rows for them.
enum ARPReference {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Row {
        var frame: UInt64
        var opcode: Int64
        var senderMAC: String
        var senderIP: String
        var targetMAC: String
        var targetIP: String
        var isGratuitous: Bool
        var isProbe: Bool
        var isAnnouncement: Bool
    }

    /// Rows per capture (path relative to the corpus), in file order.
    static let rows: [String: [Row]] = {
        guard let text = try? String(contentsOf: fixtures.appendingPathComponent("arp.tshark.tsv"), encoding: .utf8)
        else { return [:] }
        var result: [String: [Row]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("capture\t") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 10, let frame = UInt64(fields[1]), let opcode = Int64(fields[2]) else { continue }
            result[fields[0], default: []].append(
                Row(
                    frame: frame, opcode: opcode, senderMAC: fields[3], senderIP: fields[4], targetMAC: fields[5],
                    targetIP: fields[6], isGratuitous: fields[7] == "1", isProbe: fields[8] == "1",
                    isAnnouncement: fields[9] == "1"))
        }
        return result
    }()

    static var captures: [String] { rows.keys.sorted() }
}

extension EventRecord {
    /// `related_identity` as "subject key=value" lines (RelatedFact has no public initialiser).
    var related: [String] { relatedIdentity.map { "\($0.subject) \($0.key)=\($0.value)" } }
}
