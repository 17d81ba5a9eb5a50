import BinaryParsing
import EventModel
import Foundation

@testable import S7Comm

/// Feeds byte segments to one decoder and keeps the events in one batch.
final class S7Harness {
    let decoder = S7StreamDecoder()
    let batch = EventBatch()
    var frame: UInt64 = 0

    func send(_ bytes: [UInt8], fromClient: Bool, frame explicitFrame: UInt64? = nil) {
        frame = explicitFrame ?? frame + 1
        var context = PacketContext()
        context.frame = frame
        context.fromClient = fromClient
        context.sourcePort = fromClient ? 49152 : 102
        context.destinationPort = fromClient ? 102 : 49152
        context.hasPorts = true
        ByteView.with(bytes) { decoder.receive($0, context: context, events: batch) }
    }

    func gap(fromClient: Bool) {
        var context = PacketContext()
        context.frame = frame
        context.fromClient = fromClient
        decoder.gap(100, context: context, events: batch)
    }

    var events: [ProtocolEvent] { batch.events }

    func text(_ reference: TextRef) -> String { batch.string(reference) }

    func facts(_ event: ProtocolEvent) -> [IdentityKey: String] {
        var result: [IdentityKey: String] = [:]
        for fact in batch.facts(of: event) { result[fact.key] = batch.string(fact.value) }
        return result
    }

    /// A comparable summary of every event (what the stream tests compare between feedings).
    var summary: [String] {
        events.map { event in
            let target = event.target
            return
                "\(event.frame) \(event.protocolID.name) \(event.function)/\(event.functionGroup) \(event.direction.name) "
                + "\(event.operation.name) \(target.kind) \(target.first),\(target.second),\(target.third),\(target.fourth) "
                + "\(batch.string(target.text)) \(event.result.status) \(event.result.code) "
                + "\(event.anomaly?.kind.name ?? "-")"
        }
    }
}

/// Wraps an S7 PDU in TPKT (RFC 1006) and one COTP DT TPDU with EOT set (ISO 8073 §13.7).
func tpktDT(_ s7: [UInt8], endOfTSDU: Bool = true) -> [UInt8] {
    let length = 4 + 3 + s7.count
    return [0x03, 0x00, UInt8(length >> 8), UInt8(length & 0xFF), 0x02, 0xF0, endOfTSDU ? 0x80 : 0x00] + s7
}

/// An S7 header (job / userdata: 10 bytes; ack / ack-data: 12 with error class and code).
func s7Header(
    rosctr: UInt8, reference: UInt16, parameterLength: Int, dataLength: Int, errorClass: UInt8 = 0,
    errorCode: UInt8 = 0
) -> [UInt8] {
    var header: [UInt8] = [
        0x32, rosctr, 0x00, 0x00, UInt8(reference >> 8), UInt8(reference & 0xFF),
        UInt8(parameterLength >> 8), UInt8(parameterLength & 0xFF), UInt8(dataLength >> 8), UInt8(dataLength & 0xFF),
    ]
    if rosctr == 2 || rosctr == 3 { header += [errorClass, errorCode] }
    return header
}

/// A complete S7 PDU in TPKT/COTP with lengths computed from the blocks.
func s7PDU(
    rosctr: UInt8, reference: UInt16, parameters: [UInt8], data: [UInt8] = [], errorClass: UInt8 = 0,
    errorCode: UInt8 = 0
) -> [UInt8] {
    tpktDT(
        s7Header(
            rosctr: rosctr, reference: reference, parameterLength: parameters.count, dataLength: data.count,
            errorClass: errorClass, errorCode: errorCode) + parameters + data)
}

/// ASCII padded with `pad` to `length`.
func padded(_ text: String, _ length: Int, pad: UInt8 = 0x20) -> [UInt8] {
    let bytes = Array(text.utf8.prefix(length))
    return bytes + [UInt8](repeating: pad, count: length - bytes.count)
}

func be16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }

/// Deterministic xorshift64* generator: the garbage tests replay the same inputs every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

enum Fixtures {
    static let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    struct Segment {
        var frame: UInt64
        var sourcePort: UInt16
        var destinationPort: UInt16
        var payload: [UInt8]
    }

    static func hexBytes(_ hex: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var iterator = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: 0
            }
        }
        while let high = iterator.next(), let low = iterator.next() { bytes.append(nibble(high) << 4 | nibble(low)) }
        return bytes
    }

    /// `NAME.payloads.tsv`: frame, TCP source port, destination port, payload hex (see README).
    static func segments(_ name: String, in folder: URL = directory) throws -> [Segment] {
        let text = try String(contentsOf: folder.appending(path: "\(name).payloads.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 4, let frame = UInt64(columns[0]), let source = UInt16(columns[1]),
                let destination = UInt16(columns[2])
            else { return nil }
            return Segment(
                frame: frame, sourcePort: source, destinationPort: destination, payload: hexBytes(columns[3]))
        }
    }

    /// `NAME.tshark.tsv`: frame, rosctr, param.func, userdata funcgroup, subfunc (comma-separated
    /// when a frame holds several PDUs).
    static func tsharkRows(_ name: String, in folder: URL = directory) throws -> [[String]] {
        let text = try String(contentsOf: folder.appending(path: "\(name).tshark.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Replays a capture's payloads through one decoder per connection (keyed by the client
    /// port, the one that is not 102), in frame order, into one batch.
    static func replay(_ name: String, in folder: URL = directory) throws -> EventBatch {
        let batch = EventBatch(capacity: 1024)
        var decoders: [UInt16: S7StreamDecoder] = [:]
        for segment in try segments(name, in: folder) {
            let fromClient = segment.destinationPort == 102
            let clientPort = fromClient ? segment.sourcePort : segment.destinationPort
            guard segment.sourcePort == 102 || segment.destinationPort == 102 else { continue }
            let decoder = decoders[clientPort] ?? S7StreamDecoder()
            decoders[clientPort] = decoder
            var context = PacketContext()
            context.frame = segment.frame
            context.fromClient = fromClient
            ByteView.with(segment.payload) { decoder.receive($0, context: context, events: batch) }
        }
        for decoder in decoders.values { decoder.finish(events: batch) }
        return batch
    }
}
