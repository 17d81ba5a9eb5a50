import BinaryParsing
import EventModel
import Foundation
import Testing

@testable import S7Comm

/// Replays TCP payloads extracted from corpus captures (Fixtures/README.md) and compares the
/// decoded functions with tshark's reference decoding of the same capture.
@Suite struct S7CorpusTests {
    struct Agreement {
        var expected: [String: Int] = [:]
        var actual: [String: Int] = [:]
        var matched: Int {
            expected.reduce(0) { total, entry in total + min(entry.value, actual[entry.key] ?? 0) }
        }
        var expectedCount: Int { expected.values.reduce(0, +) }
        var actualCount: Int { actual.values.reduce(0, +) }
    }

    /// Multisets of "frame func" (job / ack-data: `s7comm.param.func`) and
    /// "frame group/subfunc" (userdata: `s7comm.param.userdata.funcgroup` / `.subfunc`).
    static func agreement(_ name: String, in folder: URL = Fixtures.directory) throws -> (Agreement, EventBatch) {
        var agreement = Agreement()
        for row in try Fixtures.tsharkRows(name, in: folder) {
            guard row.count >= 5, let frame = Int(row[0]) else { continue }
            let functions = row[2].split(separator: ",").compactMap { Int($0.dropFirst(2), radix: 16) }
            for function in functions { agreement.expected["\(frame) \(function)", default: 0] += 1 }
            let groups = row[3].split(separator: ",").compactMap { Int($0) }
            let subfunctions = row[4].split(separator: ",").compactMap { Int($0) }
            for (group, subfunction) in zip(groups, subfunctions) {
                agreement.expected["\(frame) \(group)/\(subfunction)", default: 0] += 1
            }
        }
        let batch = try Fixtures.replay(name, in: folder)
        for event in batch.events where event.protocolID == .s7comm && event.function >= 0 {
            let key =
                event.functionGroup >= 0
                ? "\(event.frame) \(event.functionGroup)/\(event.function)" : "\(event.frame) \(event.function)"
            agreement.actual[key, default: 0] += 1
        }
        return (agreement, batch)
    }

    @Test(arguments: ["s7-attack", "snap7", "s7comm_downloading_block_db1", "s7comm_reading_plc_status"])
    func functionsAgreeWithTshark(capture name: String) throws {
        let (agreement, batch) = try Self.agreement(name)
        #expect(agreement.expectedCount > 0)
        #expect(agreement.actual == agreement.expected)
        print(
            "\(name): matched \(agreement.matched) of \(agreement.expectedCount) tshark PDUs; "
                + "\(agreement.actualCount) decoded; anomalies \(batch.anomalies.byName)")
        let anomalous = batch.events.filter { $0.anomaly != nil }.map { "\($0.frame) \($0.anomaly!.kind.name)" }
        print("\(name): anomalies at \(anomalous)")
        #expect(anomalous == (Self.knownMalformed[name] ?? []))
    }

    /// Frames tshark 4.0 also reports as "Malformed Packet": Read Var jobs without an item count
    /// (80, 162) and a PI-Service whose parameter block length runs past the PDU (132).
    static let knownMalformed: [String: [String]] = [
        "s7-attack": [
            "80 s7comm.malformed_parameter", "132 s7comm.malformed_parameter", "162 s7comm.malformed_parameter",
        ]
    ]

    @Test func s7AttackIdentityOfPLC2() throws {
        let batch = try Fixtures.replay("s7-attack")
        var facts: [IdentityKey: Set<String>] = [:]
        for event in batch.events {
            for fact in batch.facts(of: event) { facts[fact.key, default: []].insert(batch.string(fact.value)) }
        }
        #expect(facts[.orderNumber] == ["6ES7 315-2EH14-0AB0"])
        #expect(facts[.name] == ["SNAP7-SERVER"])
        #expect(facts[.moduleName] == ["CPU 315-2 PN/DP"])
        #expect(facts[.serial] == ["S C-C2UR28922012"])
        #expect(facts[.model] == ["CPU 315-2 PN/DP"])
        #expect(facts[.copyright] == ["Original Siemens Equipment"])
    }

    @Test func s7AttackSessionsAndControlOperations() throws {
        let batch = try Fixtures.replay("s7-attack")
        let connections = batch.events.filter { $0.protocolID == .cotp && $0.function == 0xE0 }
        #expect(connections.count == 2)
        #expect(connections.allSatisfy { batch.string($0.target.text) == "rack 0 slot 2" })
        // Frame 130 asks to download OB... the PLC refuses (frame 131: ack, error 0x8104).
        let refused = batch.events.first { $0.frame == 131 }
        #expect(refused?.result.code == 0x8104)
        #expect(refused?.operation == .program)
        #expect(batch.events.contains { $0.function == 0x29 && $0.operation == .control })
    }

    @Test func s7CommPlusCaptureDecodesWithoutAnomalies() throws {
        let batch = try Fixtures.replay("s7comm_plus")
        let plus = batch.events.filter { $0.protocolID == .s7commPlus }
        // ICSNPP's s7comm_plus.log for this capture: 34 requests, 8 responses, 79 notifications.
        var byOpcode: [EventDirection: Int] = [:]
        for event in plus { byOpcode[event.direction, default: 0] += 1 }
        print("s7comm_plus: \(byOpcode), anomalies \(batch.anomalies.byName)")
        #expect(!plus.isEmpty)
        #expect(batch.events.allSatisfy { $0.anomaly == nil })
        #expect(plus.filter { $0.function == 0x04F2 && $0.direction == .request }.count == 26)
        #expect(plus.filter { $0.function == 0x054C }.count == 12)
    }

    /// Opt-in: `S7_CORPUS_DIR=DIR swift test --filter S7CorpusTests` replays every
    /// `NAME.payloads.tsv` + `NAME.tshark.tsv` pair in DIR (made as in Fixtures/README.md) and
    /// prints the agreement per capture; it fails only under 99.5 % recall overall.
    @Test func optionalCorpusDirectoryAgreement() throws {
        guard let path = ProcessInfo.processInfo.environment["S7_CORPUS_DIR"] else { return }
        let folder = URL(filePath: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasSuffix(".payloads.tsv") }.map { String($0.dropLast(".payloads.tsv".count)) }.sorted()
        var matched = 0
        var expected = 0
        var decoded = 0
        for name in names {
            guard FileManager.default.fileExists(atPath: folder.appending(path: "\(name).tshark.tsv").path) else {
                continue
            }
            let (agreement, batch) = try Self.agreement(name, in: folder)
            matched += agreement.matched
            expected += agreement.expectedCount
            decoded += agreement.actualCount
            let missing = agreement.expected.filter { $0.value > (agreement.actual[$0.key] ?? 0) }.keys.sorted().prefix(
                8)
            let extra = agreement.actual.filter { $0.value > (agreement.expected[$0.key] ?? 0) }.keys.sorted().prefix(8)
            print(
                "corpus \(name): \(agreement.matched)/\(agreement.expectedCount) matched, \(agreement.actualCount) decoded, "
                    + "plus \(batch.events.filter { $0.protocolID == .s7commPlus }.count) "
                    + "cotp \(batch.events.filter { $0.protocolID == .cotp }.count) "
                    + "anomalies \(batch.anomalies.byName) missing \(Array(missing)) extra \(Array(extra))")
        }
        print("corpus overall: \(matched)/\(expected) matched, \(decoded) decoded")
        #expect(expected == 0 || Double(matched) / Double(expected) >= 0.995)
    }
}
