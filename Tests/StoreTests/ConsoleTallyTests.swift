import CorpusTestSupport
import Detection
import Foundation
import SQLiteStore
import Sensor
import Storage
import Testing

/// Schema v7 keeps the alert counts in `alert_tally` (triggers) and the map's zone and danger in
/// columns: what the console reads from them must equal what counting and grouping every alert,
/// asset and edge gives, after every kind of write and after migrating a v5 store.
@Suite(.serialized)
struct ConsoleTallyTests {
    /// Alert totals and groups computed from the full alert list.
    struct Counted: Equatable {
        var totals: [String: Int]
        var groups: [AlertGroup]

        init(every store: SQLiteStore) throws {
            var query = AlertQuery()
            query.limit = 1_000_000
            let alerts = try store.alerts(query)
            totals = [:]
            for alert in alerts { totals["\(alert.severity)/\(alert.state)", default: 0] += 1 }
            groups = Dictionary(grouping: alerts, by: \.rule).map { rule, members in
                let severity = members.map(\.severity).max {
                    StoredAlert.severities.firstIndex(of: $0)! < StoredAlert.severities.firstIndex(of: $1)!
                }!
                return AlertGroup(
                    rule: rule, severity: severity, alerts: members.count,
                    open: members.filter { $0.state != "closed" }.count,
                    occurrences: members.reduce(0) { $0 + $1.count }, firstTime: members.map(\.firstTime).min()!,
                    lastTime: members.map(\.lastTime).max()!)
            }.sorted {
                (
                    StoredAlert.severities.firstIndex(of: $1.severity)!, $1.open, $0.rule
                ) < (StoredAlert.severities.firstIndex(of: $0.severity)!, $0.open, $1.rule)
            }
        }

        init(tallied store: SQLiteStore) throws {
            totals = [:]
            for total in try store.alertTotals() { totals["\(total.severity)/\(total.state)"] = total.count }
            groups = try store.alertGroups()
        }
    }

    static func importPlant(into store: SQLiteStore, force: Bool = false) throws {
        let writer = try StoreWriter(store: store, reference: referenceData)
        let importer = CaptureImporter(writer: writer, workers: 2)
        importer.detection = StoreDetection(rules: .builtIn)
        _ = try importer.importCapture(corpusCapture("peers/mixed.pcap"), force: force)
    }

    static func expectTallyRight(_ store: SQLiteStore, _ step: String) throws {
        let counted = try Counted(every: store)
        let tallied = try Counted(tallied: store)
        #expect(tallied == counted, "after \(step)")
    }

    @Test(.enabled(if: corpusAvailable))
    func alertTallyFollowsEveryWrite() throws {
        let (store, folder) = try makeStore("alert-tally")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.importPlant(into: store)
        let imported = try Counted(every: store)
        // The peers plant's attacks raise alerts of several rules and severities.
        #expect(imported.groups.count >= 3)
        #expect(imported.totals.values.reduce(0, +) > 10)
        try Self.expectTallyRight(store, "import")

        var query = AlertQuery()
        query.limit = 1_000_000
        let alerts = try store.alerts(query)
        #expect(try store.setAlertState(id: alerts[0].id, state: "closed", note: "", actor: "test"))
        #expect(try store.setAlertState(id: alerts[1].id, state: "acknowledged", note: "", actor: "test"))
        #expect(try store.setAlertState(id: alerts[2].id, state: "closed", note: "", actor: "test"))
        #expect(try store.setAlertState(id: alerts[2].id, state: "new", note: "reopened", actor: "test"))
        try Self.expectTallyRight(store, "triage")
        #expect(try Counted(tallied: store).totals["\(alerts[0].severity)/closed"] ?? 0 >= 1)

        // The same alerts seen again by a sensor: repeats counted, a closed alert opens again,
        // and one more severe copy raises the alert's severity.
        let sensor = try store.sensorSource(interface: "test0")
        var repeats = Array(alerts.prefix(5))
        repeats[4].severity = "critical"
        try store.recordAlerts(repeats, source: sensor)
        try Self.expectTallyRight(store, "repeats from a second source")
        #expect(try store.alert(id: alerts[0].id)?.state == "new")

        // Importing the capture again deletes its source and with it its share of every alert.
        try Self.importPlant(into: store, force: true)
        try Self.expectTallyRight(store, "re-import")
        _ = try store.applyRetention(RetentionPolicy(maximumAge: 1), now: WallClock.nanoseconds())
        try Self.expectTallyRight(store, "retention")
    }

    @Test(.enabled(if: corpusAvailable))
    func migrationFromV5FillsTheColumnsAndTheTally() throws {
        let (store, folder) = try makeStore("migration-v7")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.importPlant(into: store)
        var query = AlertQuery()
        query.limit = 3
        for alert in try store.alerts(query) {
            _ = try store.setAlertState(id: alert.id, state: "closed", note: "", actor: "test")
        }
        let older = folder.appendingPathComponent("v5.db").path
        try store.copyAsOlderSchemaForTesting(
            to: older, upTo: "v5",
            tables: ["source", "asset", "map_edge", "alert", "alert_occurrence", "alert_asset"])
        let migrated = try SQLiteStore(path: older)
        #expect(try migrated.summary().schemaVersion == "v7")
        #expect(try Counted(tallied: migrated) == Counted(every: store))
        #expect(try Counted(tallied: migrated).totals.values.reduce(0, +) > 10)
        for (protocolName, role) in [(nil, nil), ("modbus", nil), (nil, "plc")] as [(String?, String?)] {
            let expected = try store.mapGroups(protocolName: protocolName, role: role)
            let filled = try migrated.mapGroups(protocolName: protocolName, role: role)
            #expect(Set(filled.groups.map(describe)) == Set(expected.groups.map(describe)))
            #expect(Set(filled.links.map(describe)) == Set(expected.links.map(describe)))
        }
        // The peers plant's controllers sit in 10.77.2.0/24 (plc1 is 10.77.2.10).
        let groups = try migrated.mapGroups(protocolName: nil, role: "plc").groups
        #expect(groups.contains { $0.zone == "10.77.2.0/24" })
        #expect(try migrated.mapGroups(protocolName: nil, role: nil).links.contains { $0.danger != "other" })
    }
}

/// Groups and links as comparable text (their order from SQL is not part of the contract).
func describe(_ group: MapGroup) -> String {
    "\(group.purdueLevel.map(String.init) ?? "-") \(group.zone) \(group.role) \(group.assets)"
}

func describe(_ link: MapGroupLink) -> String {
    "\(link.fromLevel.map(String.init) ?? "-") \(link.fromZone) → \(link.toLevel.map(String.init) ?? "-") \(link.toZone) "
        + "\(link.protocols.sorted()) \(link.danger) \(link.packets)"
}
