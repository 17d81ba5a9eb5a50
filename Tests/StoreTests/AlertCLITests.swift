import CorpusTestSupport
import Foundation
import Testing

/// `palisade alerts …` end to end: import raises alerts, triage changes them, learning folds one
/// into a baseline file, and every step is in the audit trail.
@Suite(
    "alerts on the command line", .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: corpusAvailable, "shared corpus not found"))
struct AlertCLITests {
    static let data = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path

    @Test func triageAndLearnAreAudited() throws {
        let folder = try makeTemporaryFolder("palisade-alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("palisade.db").path
        let baseline = folder.appendingPathComponent("baseline.yaml").path
        let binary = CLI.binary!
        let learned = try run(
            binary,
            ["baseline", "learn", corpusCapture("peers/modbus-normal.pcap"), "--out", baseline, "--data", Self.data])
        #expect(learned.status == 0, "\(learned.stderr)")
        let imported = try run(
            binary, ["import", corpusCapture("peers/modbus-attack.pcap"), "--db", db, "--data", Self.data])
        #expect(imported.stdout.contains("alert occurrences"), "\(imported.stdout)")

        let listed = try run(binary, ["alerts", "list", "--db", db, "--format", "jsonl"])
        let alerts = listed.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let byRule = Dictionary(grouping: alerts) { $0["rule"] as? String ?? "" }
        let listenOnly = try #require(
            byRule["modbus-restart-or-listen-only"]?.first { $0["severity"] as? String == "high" })
        let write = try #require(byRule["write-from-unexpected-host"]?.first)
        let listenOnlyID = try #require(listenOnly["id"] as? String)
        let writeID = try #require(write["id"] as? String)
        #expect((listenOnly["techniques"] as? [String])?.contains("T0816") == true)

        #expect(
            try run(binary, ["alerts", "ack", listenOnlyID, "--db", db, "--actor", "alice", "--note", "ops"]).status
                == 0)
        #expect(try run(binary, ["alerts", "mute", listenOnlyID, "--db", db, "--duration", "7d"]).status == 0)
        #expect(try run(binary, ["alerts", "close", "0000000000000000", "--db", db]).status == 1)
        let learn = try run(binary, ["alerts", "learn", writeID, "--db", db, "--baseline", baseline, "--actor", "bob"])
        #expect(learn.status == 0, "\(learn.stderr)")
        #expect(learn.stdout.contains("new pair 10.77.9.66 → 10.77.2.10 modbus/502"), "\(learn.stdout)")

        let open = try run(binary, ["alerts", "list", "--db", db, "--format", "jsonl"]).stdout
        #expect(!open.contains(writeID), "a learned alert is closed")
        #expect(open.contains("\"state\":\"acknowledged\""))
        let audit = try run(binary, ["alerts", "audit", "--db", db]).stdout
        for action in ["alert.acknowledged", "mute.add", "alert.learn", "alert.closed"] {
            #expect(audit.contains(action), "\(action) missing from \(audit)")
        }
        let status = try run(binary, ["status", "--db", db]).stdout
        #expect(status.contains("Alerts: high"), "\(status)")
        #expect(status.contains("1 mutes in force"), "\(status)")
    }
}
