import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers

@testable import SMB

/// An event reduced to comparable values (text resolved from the batch's arena).
struct DecodedEvent: Equatable, CustomStringConvertible {
    var frame: UInt64
    var function: Int64
    var name: String
    var direction: String
    var operation: String
    var target: String
    var result: String
    var facts: [String]
    var anomaly: String

    init(_ event: ProtocolEvent, in batch: EventBatch) {
        frame = event.frame
        function = event.function
        name = event.functionName.description
        direction = event.direction.name
        operation = event.operation.name
        target = batch.string(event.target.text)
        switch event.result.status {
        case .absent: result = ""
        case .ok: result = "ok"
        case .error: result = event.result.name.description
        }
        facts = batch.facts(of: event).map { $0.key.name + "=" + batch.string($0.value) }
        anomaly = event.anomaly?.kind.name ?? ""
    }

    var description: String {
        "\(frame) \(direction) \(function) \(name) \(operation) [\(target)] \(result) \(facts) \(anomaly)"
    }
}

/// Feeds segments (direction, bytes) to one decoder; each segment is its own frame.
func converse(_ segments: [(fromClient: Bool, bytes: [UInt8])], netBIOS: Bool = false)
    -> (events: [DecodedEvent], anomalies: [String: Int])
{
    let decoder = SMBStreamDecoder(netBIOS: netBIOS)
    let batch = EventBatch()
    for (index, segment) in segments.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = segment.fromClient
        ByteView.with(segment.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    decoder.finish(events: batch)
    return (batch.events.map { DecodedEvent($0, in: batch) }, batch.anomalies.byName)
}

func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }
func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(value >> (8 * UInt64($0)) & 0xFF) } }
func utf16(_ text: String) -> [UInt8] { text.utf16.flatMap { le16(Int($0)) } }

/// Direct TCP transport (MS-SMB2 §2.1): a zero octet and a 24-bit big-endian length.
func directTCP(_ message: [UInt8]) -> [UInt8] {
    [0x00, UInt8(message.count >> 16 & 0xFF), UInt8(message.count >> 8 & 0xFF), UInt8(message.count & 0xFF)] + message
}

/// SMB2 sync header (MS-SMB2 §2.2.1.2), 64 octets.
func smb2Header(
    command: UInt16, response: Bool = false, status: UInt32 = 0, messageID: UInt64, nextCommand: UInt32 = 0
) -> [UInt8] {
    [0xFE, 0x53, 0x4D, 0x42]  // ProtocolId
        + le16(64)  // StructureSize
        + le16(1)  // CreditCharge
        + le32(status)  // Status (ChannelSequence in requests)
        + le16(Int(command))  // Command
        + le16(1)  // CreditRequest/CreditResponse
        + le32(response ? 1 : 0)  // Flags: SMB2_FLAGS_SERVER_TO_REDIR
        + le32(nextCommand)  // NextCommand
        + le64(messageID)  // MessageId
        + le32(0xFEFF)  // Reserved (ProcessId)
        + le32(1)  // TreeId
        + le64(0x4000_0000_0001)  // SessionId
        + [UInt8](repeating: 0, count: 16)  // Signature
}

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
