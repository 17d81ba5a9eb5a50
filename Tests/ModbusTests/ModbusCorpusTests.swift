import BinaryParsing
import EventModel
import Foundation
import Modbus
import Testing

/// Replays the TCP payloads of shared-corpus captures (extracted with tshark into Fixtures/, see each
/// file's header) through the stream decoder and compares the (frame, function) multiset with
/// tshark's `modbus.func_code`. The capture reader is not a dependency of this target, so the
/// fixtures stand in for the pcaps; the lead's integration runs the real files.
///
/// Not committed: captures whose source states no licence (modbus_scan, modbus_fc43_read_device_id,
/// modbus-read-fifo-queue, modbus-read-file-record) and modbusBig (1.2 MB). Replayed the same way by
/// hand they match tshark too, except modbusBig frame 3150, which tshark marks a spurious
/// retransmission and does not dissect.
@Suite struct ModbusCorpusTests {
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    struct Replay {
        var ours: [String: Int] = [:]
        var tshark: [String: Int] = [:]
        var anomalies: [String: Int] = [:]
        /// "frame/exception code" of exception responses.
        var ourExceptions: [String: Int] = [:]
        var tsharkExceptions: [String: Int] = [:]

        var missing: [String] {
            tshark.flatMap { key, count in Array(repeating: key, count: max(0, count - (ours[key] ?? 0))) }.sorted()
        }
        var extra: [String] {
            ours.flatMap { key, count in Array(repeating: key, count: max(0, count - (tshark[key] ?? 0))) }.sorted()
        }
    }

    static func replay(_ name: String) throws -> Replay {
        let text = try String(contentsOf: fixtures.appending(path: "\(name).segments.tsv"), encoding: .utf8)
        var result = Replay()
        var decoders: [Int: ModbusStreamDecoder] = [:]
        var nextSequence: [Int: Int] = [:]
        let batch = EventBatch()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "tshark" {
                let functions = fields.count > 2 ? fields[2] : ""
                for function in functions.split(separator: ",") {
                    result.tshark["\(fields[1])/\(function)", default: 0] += 1
                }
                let exceptions = fields.count > 3 ? fields[3] : ""
                for code in exceptions.split(separator: ",") {
                    result.tsharkExceptions["\(fields[1])/\(code)", default: 0] += 1
                }
                continue
            }
            guard fields.count == 7, let frame = UInt64(fields[0]), let stream = Int(fields[1]),
                let sourcePort = Int(fields[2]), let destinationPort = Int(fields[3]), let sequence = Int(fields[4]),
                sourcePort == 502 || destinationPort == 502
            else { continue }
            var payload = hexBytes(fields[6])
            let segmentEnd = sequence + payload.count
            var context = PacketContext()
            context.frame = frame
            context.fromClient = destinationPort == 502
            let decoder = decoders[stream] ?? ModbusStreamDecoder()
            decoders[stream] = decoder
            // In-order delivery as TCP reassembly gives it: gaps reported, retransmissions trimmed.
            let direction = stream * 2 + (context.fromClient ? 1 : 0)
            if let expected = nextSequence[direction] {
                // A jump far back is a resynchronised or forged sequence number (modbus_fuzz-72),
                // not a retransmission: treat it like a jump forward.
                let jumped = sequence > expected || expected - sequence > 1 << 20
                if jumped {
                    decoder.gap(abs(sequence - expected), context: context, events: batch)
                } else if segmentEnd <= expected {
                    continue
                } else {
                    payload.removeFirst(expected - sequence)
                }
            }
            nextSequence[direction] = segmentEnd
            ByteView.with(payload) { decoder.receive($0, context: context, events: batch) }
        }
        // MODBUS_CORPUS_DUMP=1 prints every event, to eyeball names, operations and results.
        if ProcessInfo.processInfo.environment["MODBUS_CORPUS_DUMP"] == "1" {
            for event in batch.events { print("\(name) \(DecodedEvent(event, in: batch))") }
        }
        for event in batch.events {
            if event.function >= 0 { result.ours["\(event.frame)/\(event.function)", default: 0] += 1 }
            if let anomaly = event.anomaly { result.anomalies[anomaly.kind.name, default: 0] += 1 }
            if event.result.status == .error, event.function != 90 {
                result.ourExceptions["\(event.frame)/\(event.result.code)", default: 0] += 1
            }
        }
        return result
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            default: continue
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    @Test(arguments: [
        "modbus_example", "MODBUS-TestDataPart1", "modicon_test", "4SICS-GeekLounge-151022-min", "modbus-eit",
        "modbusSmall", "modbus-and-non-modbus-p502",
    ])
    func functionsMatchTshark(capture name: String) throws {
        let replay = try Self.replay(name)
        print(
            "\(name): tshark \(replay.tshark.values.reduce(0, +)), ours \(replay.ours.values.reduce(0, +)), anomalies \(replay.anomalies)"
        )
        #expect(replay.tshark.values.reduce(0, +) > 0)
        #expect(replay.missing == [], "\(name): tshark has, we lack")
        #expect(replay.extra == [], "\(name): we have, tshark lacks")
        #expect(replay.ourExceptions == replay.tsharkExceptions, "\(name): exception codes")
    }

    /// A fuzzed capture with lost segments: tshark's view depends on its own TCP analysis, so only
    /// recall is required.
    @Test func fuzzedCaptureRecall() throws {
        let replay = try Self.replay("modbus_fuzz-72")
        print("modbus_fuzz-72: missing \(replay.missing), extra \(replay.extra), anomalies \(replay.anomalies)")
        #expect(replay.missing == [])
    }
}
