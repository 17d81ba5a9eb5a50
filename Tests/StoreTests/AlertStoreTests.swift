import CorpusTestSupport
import Detection
import Foundation
import SQLiteStore
import Sensor
import Storage
import Testing

@Suite("alerts in the store: occurrences per source, triage, mutes, audit")
struct AlertStoreTests {
    static func alert(_ id: String, severity: String = "high", count: UInt64 = 1, first: Int64 = 100, last: Int64 = 200)
        -> StoredAlert
    {
        StoredAlert(
            id: id, firstTime: first, lastTime: last, severity: severity, kind: "rule", rule: "s7-cpu-state-change",
            techniques: ["T0858", "T0816"], assets: ["mac:b8:27:eb:77:09:66", "10.77.2.20"], summary: "stop",
            explanation: "why", evidenceJSON: "[]", count: count)
    }

    @Test func repeatsAddUpAndTimesWiden() throws {
        let (store, folder) = try makeStore("alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth9")
        try store.recordAlerts([Self.alert("a1", count: 2)], source: source)
        try store.recordAlerts([Self.alert("a1", severity: "critical", count: 3, first: 50, last: 400)], source: source)
        let stored = try #require(try store.alert(id: "a1"))
        #expect(stored.count == 5)
        #expect(stored.firstTime == 50)
        #expect(stored.lastTime == 400)
        #expect(stored.severity == "critical")
        #expect(stored.techniques == ["T0858", "T0816"])
        #expect(stored.assets == ["mac:b8:27:eb:77:09:66", "10.77.2.20"])
    }

    @Test func triageIsAuditedAndAClosedAlertThatFiresAgainIsNew() throws {
        let (store, folder) = try makeStore("alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth9")
        try store.recordAlerts([Self.alert("a1"), Self.alert("a2", severity: "low")], source: source)
        #expect(try store.setAlertState(id: "a1", state: "acknowledged", note: "ops knows", actor: "alice"))
        #expect(try store.setAlertState(id: "a2", state: "closed", note: "test", actor: "bob"))
        #expect(try store.setAlertState(id: "nope", state: "closed", note: "", actor: "bob") == false)
        #expect(throws: StoreError.self) { try store.setAlertState(id: "a1", state: "gone", note: "", actor: "x") }
        try store.recordAlerts([Self.alert("a1"), Self.alert("a2", severity: "low")], source: source)
        #expect(try store.alert(id: "a1")?.state == "acknowledged")
        #expect(try store.alert(id: "a2")?.state == "new")
        let trail = try store.auditTrail(limit: 10)
        #expect(trail.map(\.action) == ["alert.closed", "alert.acknowledged"])
        #expect(trail.last?.actor == "alice")
        #expect(trail.last?.detail == "ops knows")
        var query = AlertQuery()
        query.minimumSeverity = "medium"
        #expect(try store.alerts(query).map(\.id) == ["a1"])
        query = AlertQuery()
        query.asset = "10.77.2.20"
        #expect(try store.alerts(query).count == 2)
        query.asset = "10.77.2.21"
        #expect(try store.alerts(query).isEmpty)
        let totals = try store.alertTotals()
        #expect(totals.contains { $0.severity == "high" && $0.state == "acknowledged" && $0.count == 1 })
    }

    @Test func mutesExpireAndAreAudited() throws {
        let (store, folder) = try makeStore("alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try store.addMute(
            AlertMute(rule: "r", asset: "10.0.0.1", until: 1_000, reason: "maintenance", created: 10, actor: "carol"))
        let forever = try store.addMute(
            AlertMute(rule: "q", asset: "*", until: nil, reason: "", created: 10, actor: "c"))
        #expect(try store.mutes(activeAt: 500).map(\.id) == [id, forever])
        #expect(try store.mutes(activeAt: 2_000).map(\.id) == [forever])
        let mute = try store.mutes(activeAt: nil)[0]
        #expect(mute.covers(rule: "r", assets: ["10.0.0.1"], at: 999))
        #expect(!mute.covers(rule: "r", assets: ["10.0.0.1"], at: 1_000))
        #expect(!mute.covers(rule: "s", assets: ["10.0.0.1"], at: 0))
        #expect(try store.removeMute(id: id, actor: "carol"))
        #expect(try store.removeMute(id: id, actor: "carol") == false)
        #expect(try store.auditTrail(limit: 5).map(\.action) == ["mute.remove", "mute.add", "mute.add"])
    }

    @Test func detectionStatusIsKeptPerSensor() throws {
        let (store, folder) = try makeStore("alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = DetectionStatus(
            mode: "learning", learningStarted: 1, learningUntil: 100, lastBaselineChange: 50, baselineEntries: 12,
            baselinePath: "/var/lib/palisade/baseline.yaml", updated: 60)
        try store.saveDetectionStatus(status, sensor: "eth1")
        var monitoring = status
        monitoring.mode = "monitoring"
        try store.saveDetectionStatus(monitoring, sensor: "eth1")
        let saved = try store.detectionStatus()
        #expect(saved.count == 1)
        #expect(saved.first?.status == monitoring)
    }

    @Test(.enabled(if: corpusAvailable))
    func importRaisesAlertsAndAForcedReimportReplacesItsShare() throws {
        let (store, folder) = try makeStore("alerts")
        defer { try? FileManager.default.removeItem(at: folder) }
        func importAttack(force: Bool) throws {
            let writer = try StoreWriter(store: store, reference: referenceData)
            let importer = CaptureImporter(writer: writer, workers: 2)
            importer.detection = StoreDetection(rules: .builtIn)
            _ = try importer.importCapture(corpusCapture("peers/s7-attack.pcap"), force: force)
        }
        try importAttack(force: false)
        var query = AlertQuery()
        query.rule = "s7-cpu-state-change"
        let first = try store.alerts(query)
        // STOP once; hot start and cold start are PI-Service P_PROGRAM: one alert counted twice.
        #expect(first.map(\.count).sorted() == [1, 2])
        let stop = try #require(first.first { $0.severity == "high" })
        let evidence = Alert(stop).evidence
        #expect(evidence.first?.frame == 143)
        #expect(evidence.first?.event.contains("\"function_name\":\"PLC Stop\"") == true)
        try importAttack(force: true)
        #expect(try store.alerts(query).map(\.count).sorted() == [1, 2])
    }
}
