import BACnet
import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketCapture
import PacketLayers

/// An event reduced to comparable values (text resolved from the batch's arena).
struct DecodedEvent: Equatable, CustomStringConvertible {
    var frame: UInt64
    var function: Int64
    var name: String
    var direction: EventDirection
    var operation: EventModel.Operation
    var target: [Int64]
    var result: String
    var identity: [String: String]
    var anomaly: String

    init(_ event: ProtocolEvent, in batch: EventBatch) {
        frame = event.frame
        function = event.function
        name = event.functionName.description
        direction = event.direction
        operation = event.operation
        target =
            event.target.kind == .bacnetObject
            ? [event.target.first, event.target.second, event.target.third, event.target.fourth] : []
        switch event.result.status {
        case .absent: result = ""
        case .ok: result = "ok"
        case .error: result = "\(event.result.code) \(event.result.name)"
        }
        var facts: [String: String] = [:]
        for fact in batch.facts(of: event) { facts[fact.key.name] = batch.string(fact.value) }
        identity = facts
        anomaly = event.anomaly?.kind.name ?? ""
    }

    var description: String {
        "#\(frame) \(direction.name) \(function) \(name) \(operation.name) \(target) \(result) \(identity) \(anomaly)"
    }
}

/// One UDP datagram of a test conversation.
struct Datagram {
    var bytes: [UInt8]
    var fromClient = true
    var broadcast = false
}

/// Feeds `datagrams` in order to one datagram decoder and returns its events.
func decode(_ datagrams: [Datagram], decoder: BACnetDatagramDecoder = BACnetDatagramDecoder()) -> [DecodedEvent] {
    let batch = EventBatch()
    for (index, datagram) in datagrams.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = datagram.fromClient
        context.destination = datagram.broadcast ? IPAddress(ipv4: 0xFFFF_FFFF) : IPAddress(ipv4: 0x0A00_0002)
        ByteView.with(datagram.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return batch.events.map { DecodedEvent($0, in: batch) }
}

/// A BVLC header (Annex J.2) in front of `npdu`, the length computed.
func bvlc(_ function: UInt8, _ npdu: [UInt8]) -> [UInt8] {
    let length = UInt16(npdu.count + 4)
    return [0x81, function, UInt8(length >> 8), UInt8(length & 0xFF)] + npdu
}

/// SplitMix64: a deterministic generator, so a failing fuzz run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The shared corpus, beside the repository (`<repo>/../shared/corpus`).
enum Corpus {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "shared/corpus")

    static func path(_ relative: String) -> String { root.appending(path: relative).path }

    /// Events of a capture as the Monitor produces them, with our registration ahead of the catalog's.
    static func events(_ relative: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [BACnetProtocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path(relative)]).events
    }

    /// BACnet/IP events only (they have ports): what Zeek's BACnet analyzer, which reads UDP, sees.
    static func ipEvents(_ relative: String) -> [EventRecord] {
        events(relative).filter { $0.sourcePort != nil }
    }

    /// Events of BACnet over Ethernet frames (LLC SAP 0x82), decoded by reading the capture directly
    /// with the frame decoder alone (the Monitor also routes them; this checks the decoder by itself).
    static func ethernetEvents(_ relative: String) throws -> [DecodedEvent] {
        let reader = try CaptureFileReader(path: path(relative))
        let decoder = BACnetEthernetDecoder()
        let batch = EventBatch()
        var packet = DecodedPacket()
        var frame: UInt64 = 0
        while case .packet(let record) = reader.next() {
            frame += 1
            LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
            guard packet.isLLC, packet.llcDSAP == 0x82 else { continue }
            var context = PacketContext()
            context.frame = frame
            context.sourceMAC = packet.sourceMAC
            context.destinationMAC = packet.destinationMAC
            context.hasMACs = true
            decoder.receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
        return batch.events.map { DecodedEvent($0, in: batch) }
    }

    /// tshark's (frame, service) multiset: `bacapp.confirmed_service` and `bacapp.unconfirmed_service`.
    static func tsharkFunctions(_ relative: String) throws -> [String: Int] {
        let text = try String(contentsOf: root.appending(path: relative), encoding: .utf8)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let frameColumn = header.firstIndex(of: "frame.number") else { return [:] }
        let columns = ["bacapp.confirmed_service", "bacapp.unconfirmed_service"].compactMap {
            header.firstIndex(of: $0)
        }
        var result: [String: Int] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            for column in columns where column < fields.count {
                for value in fields[column].split(separator: ",") {
                    result["\(fields[frameColumn])/\(value)", default: 0] += 1
                }
            }
        }
        return result
    }

    /// Rows of a Zeek TSV log as dictionaries keyed by column name.
    static func zeekLog(_ relative: String) throws -> [[String: String]] {
        let text = try String(contentsOf: root.appending(path: relative), encoding: .utf8)
        var names: [String] = []
        var rows: [[String: String]] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#fields") {
                names = line.split(separator: "\t").dropFirst().map(String.init)
                continue
            }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in names.enumerated() where index < fields.count { row[name] = fields[index] }
            rows.append(row)
        }
        return rows
    }
}

/// Agreement of two (frame/function) multisets.
struct Agreement: CustomStringConvertible {
    var matched = 0
    var reference = 0
    var ours = 0
    var missing: [String] = []
    var extra: [String] = []

    init(reference: [String: Int], ours: [String: Int]) {
        for (key, count) in reference {
            let have = ours[key] ?? 0
            matched += min(count, have)
            if count > have { missing += Array(repeating: key, count: count - have) }
        }
        for (key, count) in ours where count > (reference[key] ?? 0) {
            extra += Array(repeating: key, count: count - (reference[key] ?? 0))
        }
        self.reference = reference.values.reduce(0, +)
        self.ours = ours.values.reduce(0, +)
        missing.sort()
        extra.sort()
    }

    var recall: Double { reference == 0 ? 1 : Double(matched) / Double(reference) }
    var precision: Double { ours == 0 ? (reference == 0 ? 1 : 0) : Double(matched) / Double(ours) }
    var description: String {
        String(
            format: "recall %.4f (%d/%d) precision %.4f (%d/%d)", recall, matched, reference, precision, matched, ours)
    }
}
