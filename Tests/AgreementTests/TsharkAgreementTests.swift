import Foundation
import Monitor
import Testing

/// Differential test against tshark 4.0's reference decodings (`*.tshark.tsv` in ../shared/corpus):
/// per protocol, the multiset of (frame, function) we emit against the one tshark reports, the same
/// measure as `../shared/tools/tshark_agreement.py`. Recall is checked for every protocol, precision
/// where our `function` is defined exactly like tshark's field for every PDU.
///
/// The floors in `agreement-floors.tsv` are what the decoders reach today (a ratchet: raise them as
/// decoders improve; the target is 0.995 everywhere). Every difference below 1.0 is listed with its
/// reason in `KNOWN_DIFFERENCES.md` beside the decoder's tests.
@Suite struct TsharkAgreementTests {
    static let fields: [String: [String]] = [
        "modbus": ["modbus.func_code"],
        "s7comm": ["s7comm.param.func"],
        "enip": ["enip.command"],
        "cip": ["cip.sc"],
        "dnp3": ["dnp3.al.func"],
        "iec104": ["iec60870_asdu.typeid"],
        "bacnet": ["bacapp.confirmed_service", "bacapp.unconfirmed_service"],
        "opcua": ["opcua.servicenodeid.numeric"],
        "mqtt": ["mqtt.msgtype"],
    ]
    static let precisionProtocols: Set<String> = ["modbus", "enip", "cip", "dnp3", "opcua", "mqtt"]

    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = here.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    struct Key: Hashable {
        let frame: UInt64
        let function: Int64
    }

    static func number(_ text: Substring) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("0x") { return Int64(trimmed.dropFirst(2), radix: 16) }
        return Int64(trimmed)
    }

    /// protocol → multiset of (frame, function) from a tshark TSV.
    static func tsharkPDUs(_ tsv: URL) throws -> [String: [Key: Int]] {
        let text = try String(contentsOf: tsv, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() { index[name] = position }
        var result: [String: [Key: Int]] = [:]
        for line in lines {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let frameColumn = index["frame.number"], frameColumn < columns.count,
                let frame = UInt64(columns[frameColumn])
            else { continue }
            for (protocolName, names) in fields {
                for name in names {
                    guard let column = index[name], column < columns.count, !columns[column].isEmpty else { continue }
                    for value in columns[column].split(separator: ",") {
                        if let function = number(value) {
                            result[protocolName, default: [:]][Key(frame: frame, function: function), default: 0] += 1
                        }
                    }
                }
            }
        }
        return result
    }

    static func capturesWithReference() -> [(capture: URL, tsv: URL)] {
        guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else {
            return []
        }
        var pairs: [(URL, URL)] = []
        for case let url as URL in walker where url.lastPathComponent.hasSuffix(".tshark.tsv") {
            let name = url.lastPathComponent.dropLast(".tshark.tsv".count)
            var capture = url.deletingLastPathComponent().appendingPathComponent(String(name))
            if !FileManager.default.fileExists(atPath: capture.path) {
                capture = url.deletingLastPathComponent().appendingPathComponent(String(name) + ".pcap")  // peers/NAME.tshark.tsv
            }
            if FileManager.default.fileExists(atPath: capture.path) { pairs.append((capture, url)) }
        }
        return pairs.sorted { $0.0.path < $1.0.path }
    }

    static func floors() throws -> [String: (recall: Double, precision: Double)] {
        let text = try String(contentsOf: here.appendingPathComponent("agreement-floors.tsv"), encoding: .utf8)
        var result: [String: (Double, Double)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count >= 3, let recall = Double(parts[1]), let precision = Double(parts[2]) else { continue }
            result[String(parts[0])] = (recall, precision)
        }
        return result
    }

    @Test func agreementWithTsharkPerProtocol() throws {
        let pairs = Self.capturesWithReference()
        #expect(pairs.count >= 100, "expected the corpus beside the repository (found \(pairs.count) captures)")
        var totals: [String: (matched: Int, tshark: Int, ours: Int)] = [:]
        var worst: [String: [(String, Int, Int)]] = [:]
        for (capture, tsv) in pairs {
            let reference = try Self.tsharkPDUs(tsv)
            guard !reference.isEmpty else { continue }
            let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([capture.path])
            var ours: [String: [Key: Int]] = [:]
            for event in events where Self.fields[event.protocolName] != nil {
                guard let function = event.function else { continue }
                ours[event.protocolName, default: [:]][Key(frame: event.frame, function: function), default: 0] += 1
            }
            for protocolName in Set(reference.keys).union(ours.keys) {
                let expected = reference[protocolName] ?? [:]
                let actual = ours[protocolName] ?? [:]
                if expected.isEmpty && !Self.precisionProtocols.contains(protocolName) { continue }
                var matched = 0
                for (key, count) in expected { matched += min(count, actual[key] ?? 0) }
                let tsharkCount = expected.values.reduce(0, +)
                let ourCount = actual.values.reduce(0, +)
                var total = totals[protocolName] ?? (0, 0, 0)
                total.matched += matched
                total.tshark += tsharkCount
                total.ours += ourCount
                totals[protocolName] = total
                if matched < tsharkCount || matched < ourCount {
                    worst[protocolName, default: []].append(
                        (capture.lastPathComponent, tsharkCount - matched, ourCount - matched))
                }
            }
        }
        let floors = try Self.floors()
        for (protocolName, total) in totals.sorted(by: { $0.key < $1.key }) {
            let recall = total.tshark == 0 ? 1.0 : Double(total.matched) / Double(total.tshark)
            let precision =
                total.ours == 0 ? (total.tshark == 0 ? 1.0 : 0.0) : Double(total.matched) / Double(total.ours)
            let hasPrecision = Self.precisionProtocols.contains(protocolName)
            print(
                "agreement \(protocolName): recall \(String(format: "%.4f", recall)) (\(total.matched)/\(total.tshark))"
                    + (hasPrecision
                        ? " precision \(String(format: "%.4f", precision)) (\(total.matched)/\(total.ours))" : ""))
            for (file, missing, extra) in (worst[protocolName] ?? []).sorted(by: { $0.1 + $0.2 > $1.1 + $1.2 }).prefix(
                5)
            {
                print("    \(file): \(missing) missing, \(extra) extra")
            }
            let floor = floors[protocolName] ?? (0.995, 0.995)
            #expect(recall >= floor.recall, "\(protocolName) recall \(recall) below \(floor.recall)")
            if hasPrecision {
                #expect(precision >= floor.precision, "\(protocolName) precision \(precision) below \(floor.precision)")
            }
        }
    }
}
