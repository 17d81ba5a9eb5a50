import AllocationCounter
import BinaryParsing
import EventModel
import Monitor
import PacketCapture
import Testing

/// The packet path builds events without allocating: once the flows are open and the buffers
/// have grown to their working size, processing more traffic makes no heap allocation at all.
///
/// Traffic: `peers/mixed.pcap` (Modbus/TCP, EtherNet/IP + CIP, S7comm, IEC 104, MQTT, OPC UA,
/// BACnet/IP, ARP: 2,969 packets), then the same packets replayed as if the conversations went on:
/// each round shifts every TCP direction's sequence numbers (and the peer's acknowledgements) by the
/// bytes that direction carried, so the reassemblers see the stream continue in order and every
/// PDU is decoded again, paired with its response and emitted as an event. SYN, FIN and RST
/// segments are left out of the replay (and FIN/RST of the warm-up) so that the flows stay open,
/// and time advances by 1 µs per packet so that none of them times out.
///
/// Bound: exactly 0 allocations over the measured rounds. Everything a flow needs (flow state,
/// decoder, pairing tables, partial-PDU buffers) is allocated when the flow starts or when a
/// buffer first grows, and the warm-up rounds get that done; the event batch keeps its storage
/// across flushes. So any allocation during the measured rounds is an allocation per packet or
/// per PDU, which is what this test is for.
@Suite struct AllocationTests {
    @Test(.enabled(if: palisade_allocation_counting_available() != 0, "counts glibc's allocator only"))
    func counterSeesAllocations() {
        let before = palisade_thread_allocation_count()
        let array = [UInt8](repeating: 1, count: 1000)
        #expect(array.count == 1000)
        #expect(palisade_thread_allocation_count() > before, "malloc is not interposed: the counter cannot work")
    }

    @Test(
        .enabled(if: palisade_allocation_counting_available() != 0, "counts glibc's allocator only"),
        arguments: [false, true])
    func steadyStateProcessingDoesNotAllocate(collectEvents: Bool) throws {
        guard Paths.corpusAvailable else { return }
        let replay = try ReplayedCapture(path: Paths.corpusFile("peers/mixed.pcap"))
        #expect(replay.packetCount > 2800)

        var configuration = MonitorConfiguration()
        configuration.collectEvents = collectEvents
        let processor = PacketProcessor(
            configuration: configuration, registry: ProtocolRegistry(ProtocolCatalog.standard))
        let delivered = EventTally()
        processor.onEventBatch = { batch in delivered.count += batch.events.count }

        // Warm-up: the capture itself, then two replay rounds (buffers reach their working size).
        for round in 0..<3 { replay.play(round: round, into: processor) }
        let warmEvents = processor.events.emitted
        // A copy with its own storage: sharing the batch's would make its next count copy it.
        let warmByProtocol = processor.events.emittedByProtocol.map { $0 }

        let rounds = 4
        let before = palisade_thread_allocation_count()
        for round in 3..<(3 + rounds) { replay.play(round: round, into: processor) }
        let allocations = palisade_thread_allocation_count() - before

        // The replay really decodes: each round emits as many events as the capture itself (2,546
        // lines of `palisade decode`), of every industrial protocol in it.
        let eventsPerRound = (processor.events.emitted - warmEvents) / UInt64(rounds)
        #expect(eventsPerRound > 2000)
        for protocolID in [ApplicationProtocol.modbus, .enip, .cip, .s7comm, .bacnet, .iec104, .mqtt, .opcua] {
            let index = Int(protocolID.id)
            #expect(processor.events.emittedByProtocol[index] > warmByProtocol[index], "no \(protocolID) events")
        }
        if collectEvents { #expect(delivered.count > 0 || !processor.events.events.isEmpty) }

        #expect(
            allocations == 0,
            "\(allocations) allocations for \(rounds * replay.packetCount) packets and \(eventsPerRound * UInt64(rounds)) events"
        )
        processor.finish()
    }
}

private final class EventTally: @unchecked Sendable { var count = 0 }

/// A capture held in memory whose TCP sequence numbers can be moved on round after round.
private final class ReplayedCapture {
    struct Packet {
        var offset: Int
        var length: Int
        var originalLength: Int
        var linkType: LinkType
        var timestamp: Int64
        /// Offset of the TCP header in the frame, -1 when not TCP.
        var tcpOffset = -1
        var sequence: UInt32 = 0
        var acknowledgement: UInt32 = 0
        var flags: UInt8 = 0
        var payloadLength = 0
        var direction: Direction?
    }
    struct Direction: Hashable {
        var source: [UInt8]
        var sourcePort: UInt16
        var destination: [UInt8]
        var destinationPort: UInt16
        var reversed: Direction {
            Direction(
                source: destination, sourcePort: destinationPort, destination: source, destinationPort: sourcePort)
        }
    }

    static let syn: UInt8 = 0x02
    static let finRst: UInt8 = 0x05
    static let synFinRst: UInt8 = 0x07

    private let storage: UnsafeMutableRawBufferPointer
    private var packets: [Packet] = []
    /// Sequence space each TCP direction's data covers in one round.
    private var spans: [Direction: UInt32] = [:]
    private var packetSpans: [(sequence: UInt32, acknowledgement: UInt32)] = []
    private var frame: UInt64 = 0
    private var lastTime: Int64 = 0
    var packetCount: Int { packets.count }

    init(path: String) throws {
        let reader = try CaptureFileReader(path: path)
        var bytes: [UInt8] = []
        while let record = reader.nextPacket() {
            var packet = Packet(
                offset: bytes.count, length: record.bytes.count, originalLength: record.originalLength,
                linkType: record.linkType, timestamp: record.timestamp)
            record.bytes.withUnsafeBytes { bytes.append(contentsOf: $0) }
            if record.linkType == .ethernet { Self.parseTCP(&packet, Array(bytes[packet.offset...])) }
            packets.append(packet)
        }
        storage = .allocate(byteCount: bytes.count, alignment: 8)
        storage.copyBytes(from: bytes)

        // Per direction: from the first to the end of the furthest data byte of the segments replayed.
        var starts: [Direction: UInt32] = [:]
        var ends: [Direction: UInt32] = [:]
        for packet in packets where packet.payloadLength > 0 && packet.flags & Self.synFinRst == 0 {
            guard let direction = packet.direction else { continue }
            let end = packet.sequence &+ UInt32(packet.payloadLength)
            let start = starts[direction] ?? packet.sequence
            if Int32(bitPattern: packet.sequence &- start) < 0 {
                starts[direction] = packet.sequence
            } else {
                starts[direction] = start
            }
            if let current = ends[direction], Int32(bitPattern: end &- current) <= 0 { continue }
            ends[direction] = end
        }
        for (direction, start) in starts { spans[direction] = ends[direction]! &- start }
        packetSpans = packets.map { packet in
            guard let direction = packet.direction else { return (0, 0) }
            return (spans[direction] ?? 0, spans[direction.reversed] ?? 0)
        }
    }

    deinit { storage.deallocate() }

    /// Round 0 is the capture as it is (less FIN and RST); round n > 0 continues every stream.
    func play(round: Int, into processor: PacketProcessor) {
        for index in packets.indices {
            let packet = packets[index]
            if packet.tcpOffset >= 0 {
                if packet.flags & Self.finRst != 0 { continue }  // keep the flows open
                if round > 0 && packet.flags & Self.syn != 0 { continue }  // the flow exists already
                let (sequenceSpan, acknowledgementSpan) = packetSpans[index]
                let multiple = UInt32(truncatingIfNeeded: round)
                store(packet.sequence &+ sequenceSpan &* multiple, at: packet.offset + packet.tcpOffset + 4)
                store(
                    packet.acknowledgement &+ acknowledgementSpan &* multiple, at: packet.offset + packet.tcpOffset + 8)
            }
            lastTime = round == 0 ? packet.timestamp : lastTime + 1000
            frame += 1
            let bytes = ByteView(
                UnsafeRawBufferPointer(rebasing: storage[packet.offset..<(packet.offset + packet.length)]))
            processor.process(
                PacketRecord(
                    timestamp: lastTime, originalLength: packet.originalLength, linkType: packet.linkType, bytes: bytes),
                frame: frame)
        }
    }

    private func store(_ value: UInt32, at offset: Int) {
        storage.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Ethernet (with 802.1Q tags), IPv4 or IPv6 without extension headers, TCP.
    private static func parseTCP(_ packet: inout Packet, _ frame: [UInt8]) {
        func u16(_ at: Int) -> Int { at + 1 < frame.count ? Int(frame[at]) << 8 | Int(frame[at + 1]) : -1 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) << 16 | UInt32(u16(at + 2)) }
        var offset = 12
        var etherType = u16(offset)
        while etherType == 0x8100 || etherType == 0x88A8 {
            offset += 4
            etherType = u16(offset)
        }
        offset += 2
        let ipStart = offset
        let source: [UInt8]
        let destination: [UInt8]
        let totalLength: Int
        if etherType == 0x0800, frame.count >= offset + 20, frame[offset + 9] == 6 {
            let headerLength = Int(frame[offset] & 0x0F) * 4
            source = Array(frame[(offset + 12)..<(offset + 16)])
            destination = Array(frame[(offset + 16)..<(offset + 20)])
            totalLength = u16(offset + 2)
            offset += headerLength
        } else if etherType == 0x86DD, frame.count >= offset + 40, frame[offset + 6] == 6 {
            source = Array(frame[(offset + 8)..<(offset + 24)])
            destination = Array(frame[(offset + 24)..<(offset + 40)])
            totalLength = 40 + u16(offset + 4)
            offset += 40
        } else {
            return
        }
        guard frame.count >= offset + 20 else { return }
        let dataOffset = Int(frame[offset + 12] >> 4) * 4
        packet.tcpOffset = offset
        packet.sequence = u32(offset + 4)
        packet.acknowledgement = u32(offset + 8)
        packet.flags = frame[offset + 13]
        packet.payloadLength = max(0, min(frame.count, ipStart + totalLength) - offset - dataOffset)
        packet.direction = Direction(
            source: source, sourcePort: UInt16(u16(offset)), destination: destination,
            destinationPort: UInt16(u16(offset + 2)))
    }
}
