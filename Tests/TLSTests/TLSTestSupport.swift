import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers

@testable import TLS

/// An event reduced to comparable values (text resolved from the batch's arena).
struct DecodedEvent: Equatable, CustomStringConvertible {
    var frame: UInt64
    var function: Int64
    var name: String
    var direction: String
    var target: String
    var facts: [String]
    var anomaly: String

    init(_ event: ProtocolEvent, in batch: EventBatch) {
        frame = event.frame
        function = event.function
        name = event.functionName.description
        direction = event.direction.name
        target = batch.string(event.target.text)
        facts = batch.facts(of: event).map { fact in
            let subject = fact.subject == .destination ? "peer." : ""
            return subject + fact.key.name + "=" + batch.string(fact.value)
        }
        anomaly = event.anomaly?.kind.name ?? ""
    }

    func fact(_ key: String) -> String? {
        facts.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    var description: String { "\(frame) \(direction) \(function) \(name) [\(target)] \(facts) \(anomaly)" }
}

/// Feeds segments (direction, bytes) to one decoder; each segment is its own frame.
func converse(_ segments: [(fromClient: Bool, bytes: [UInt8])], framesFrom first: UInt64 = 1)
    -> (events: [DecodedEvent], anomalies: [String: Int])
{
    let decoder = TLSStreamDecoder()
    let batch = EventBatch()
    for (index, segment) in segments.enumerated() {
        var context = PacketContext()
        context.frame = first + UInt64(index)
        context.fromClient = segment.fromClient
        ByteView.with(segment.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return (batch.events.map { DecodedEvent($0, in: batch) }, batch.anomalies.byName)
}

func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var high: UInt8?
    for character in hex.utf8 {
        let nibble: UInt8
        switch character {
        case 0x30...0x39: nibble = character - 0x30
        case 0x61...0x66: nibble = character - 0x61 + 10
        case 0x41...0x46: nibble = character - 0x41 + 10
        default: continue
        }
        if let value = high {
            result.append(value << 4 | nibble)
            high = nil
        } else {
            high = nibble
        }
    }
    return result
}

func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
func be24(_ value: Int) -> [UInt8] { [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

/// A TLS record (RFC 8446 §5.1): content type, legacy version 3.3, length.
func record(_ type: UInt8, _ body: [UInt8], version: UInt8 = 0x03) -> [UInt8] {
    [type, 0x03, version] + be16(body.count) + body
}

/// A handshake message (RFC 8446 §4): type, uint24 length, body.
func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] { [type] + be24(body.count) + body }

/// Corpus captures live beside the repository: `<repo>/../shared/corpus`.
enum Corpus {
    static let testFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testFolder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func events(_ relative: String) -> [EventRecord] {
        CaptureAnalyzer(workers: 1, registrations: ProtocolCatalog.standard).collectEvents([path(relative)]).events
    }

    /// A tab-separated table with a header row, as dictionaries.
    static func table(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let header = lines.removeFirst().map(String.init)
        return lines.map { line in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() where index < line.count { row[name] = String(line[index]) }
            return row
        }
    }
}
