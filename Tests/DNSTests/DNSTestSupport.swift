import BinaryParsing
import DNS
import EventModel
import Foundation
import Monitor
import PacketLayers

/// An event reduced to comparable values (text resolved from the batch's arena).
struct DecodedEvent: CustomStringConvertible {
    var function: Int64
    var name: String
    var direction: EventDirection
    var operation: EventModel.Operation
    var target: String
    var result: EventResult.Status
    /// Facts about the sender.
    var identity: [String: String]
    /// Facts about other hosts, as "subject key=value".
    var related: [String]
    var anomaly: String

    init(_ event: ProtocolEvent, in batch: EventBatch) {
        function = event.function
        name = event.functionName.description
        direction = event.direction
        operation = event.operation
        target = batch.string(event.target.text)
        result = event.result.status
        var facts: [String: String] = [:]
        var related: [String] = []
        for fact in batch.facts(of: event) {
            switch fact.subject {
            case .source: facts[fact.key.name] = batch.string(fact.value)
            case .destination: related.append("destination \(fact.key.name)=\(batch.string(fact.value))")
            case .address(let address): related.append("\(address) \(fact.key.name)=\(batch.string(fact.value))")
            case .mac(let mac): related.append("\(mac) \(fact.key.name)=\(batch.string(fact.value))")
            }
        }
        identity = facts
        self.related = related
        anomaly = event.anomaly?.kind.name ?? ""
    }

    var description: String {
        "\(direction.name) \(function) \(name) \(operation.name) [\(target)] \(identity) \(anomaly)"
    }
}

/// Decodes `datagrams` with a fresh decoder of `registration`, returning the events.
func decode(
    _ datagrams: [[UInt8]], registration: ProtocolRegistration = DNSProtocol.registration,
    destination: IPAddress = IPAddress(ipv4: 0x0A00_0001), source: IPAddress = IPAddress(ipv4: 0x0A00_0002),
    collecting: Bool = true
) -> [DecodedEvent] {
    let batch = EventBatch(collecting: collecting)
    guard let decoder = registration.makeDatagramDecoder?() else { return [] }
    for (index, datagram) in datagrams.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.destination = destination
        context.source = source
        ByteView.with(datagram) { decoder.receive($0, context: context, events: batch) }
    }
    return batch.events.map { DecodedEvent($0, in: batch) }
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

/// The shared corpus beside the repository (`<repo>/../shared/corpus`) and this folder's fixtures.
enum Corpus {
    static let testFolder = URL(filePath: #filePath).deletingLastPathComponent()
    static let root = testFolder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "shared/corpus")

    static func path(_ relative: String) -> String { root.appending(path: relative).path }

    /// Monitor events of a capture, our registrations ahead of the catalog's.
    static func events(_ relative: String) -> [EventRecord] {
        let analyzer = CaptureAnalyzer(
            workers: 1,
            registrations: [DNSProtocol.registration, DNSProtocol.mdns, DNSProtocol.llmnr, DNSProtocol.nbns]
                + ProtocolCatalog.standard)
        return analyzer.collectEvents([path(relative)]).events
    }

    /// Rows of a tshark TSV (header row) as dictionaries; `url` absolute.
    static func tsv(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < fields.count { row[name] = fields[index] }
            return row
        }
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
