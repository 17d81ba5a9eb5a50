import AssetInventory
import CorpusTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import SQLiteStore
import Sensor
import Storage
import Testing

@testable import Console

/// The baseline page: learning progress, the document, and the changes since it was reviewed.
@Suite(
    .enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct BaselinePageTests {
    @Test func reviewThenSeeWhatChanged() async throws {
        let folder = try makeTemporaryFolder("palisade-baseline-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline.yaml").path
        let learned = try run(
            CLI.binary!,
            [
                "baseline", "learn", corpusRoot.appendingPathComponent("peers/modbus-normal.pcap").path, "--out",
                baseline,
            ])
        #expect(learned.status == 0, "\(learned.stderr)")
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        try store.saveConsoleUser(
            ConsoleUser(
                name: "analyst", role: .analyst, passwordHash: Bcrypt.hash(ConsoleFixture.password, cost: 4), created: 1
            ),
            actor: "test")
        let now = WallClock.nanoseconds()
        try store.saveDetectionStatus(
            DetectionStatus(
                mode: "learning", learningStarted: now - 864_000_000_000_000, learningUntil: now + 864_000_000_000_000,
                baselineEntries: 12, baselinePath: baseline, updated: now), sensor: "eth1")
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            let session = try #require(try await BrowserSession.signIn(client, user: "analyst"))
            var page = String(
                buffer: try await client.execute(uri: "/baseline", method: .get, headers: session.headers).body)
            #expect(page.contains("palisade.baseline/1"))
            #expect(page.contains("Not reviewed yet"))
            #expect(page.contains("50%"))
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: "/baseline/reviewed", method: .post, headers: headers, body: form(["sensor": "eth1", "csrf": "x"]))
            #expect(forged.status == .forbidden)
            let reviewed = try await client.execute(
                uri: "/baseline/reviewed", method: .post, headers: headers,
                body: form(["sensor": "eth1", "csrf": session.csrf]))
            #expect(reviewed.status == .seeOther)
            page = String(
                buffer: try await client.execute(uri: "/baseline", method: .get, headers: session.headers).body)
            #expect(page.contains("Changes since last reviewed"))
            #expect(page.contains("<p class=\"empty\">none</p>"))
            // The sensor learns more: the rogue's traffic shows as changes.
            let more = try run(
                CLI.binary!,
                [
                    "baseline", "learn", corpusRoot.appendingPathComponent("peers/modbus-attack.pcap").path, "--out",
                    baseline,
                ])
            #expect(more.status == 0)
            page = String(
                buffer: try await client.execute(uri: "/baseline", method: .get, headers: session.headers).body)
            #expect(page.contains("10.77.9.66"))
            #expect(
                try store.auditTrail(limit: 3).contains { $0.action == "baseline.reviewed" && $0.actor == "analyst" })
        }
    }

    /// "Learn into the baseline" on an alert page: the rogue's writes become expected and the
    /// alert is closed; only a sensor's baseline can be named.
    @Test func learnAnAlertIntoTheBaseline() async throws {
        let folder = try makeTemporaryFolder("palisade-learn-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline.yaml").path
        #expect(
            try run(
                CLI.binary!,
                [
                    "baseline", "learn", corpusRoot.appendingPathComponent("peers/modbus-normal.pcap").path, "--out",
                    baseline,
                ]
            ).status == 0)
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        let alert = try #require(try ConsoleFixture.importRogueAlert(into: store))
        try store.saveConsoleUser(
            ConsoleUser(
                name: "analyst", role: .analyst, passwordHash: Bcrypt.hash(ConsoleFixture.password, cost: 4), created: 1
            ),
            actor: "test")
        try store.saveDetectionStatus(
            DetectionStatus(mode: "monitoring", baselinePath: baseline, updated: WallClock.nanoseconds()),
            sensor: "eth1")
        #expect(!(try String(contentsOfFile: baseline, encoding: .utf8)).contains("10.77.9.66"))
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            let session = try #require(try await BrowserSession.signIn(client, user: "analyst"))
            let page = String(
                buffer: try await client.execute(uri: "/alerts/\(alert.id)", method: .get, headers: session.headers)
                    .body)
            #expect(page.contains("Learn into the baseline"))
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let elsewhere = try await client.execute(
                uri: "/alerts/\(alert.id)/learn", method: .post, headers: headers,
                body: form(["baseline": "/etc/passwd", "csrf": session.csrf]))
            #expect(elsewhere.status == .badRequest)
            let learned = try await client.execute(
                uri: "/alerts/\(alert.id)/learn", method: .post, headers: headers,
                body: form(["baseline": baseline, "note": "commissioning laptop", "csrf": session.csrf]))
            #expect(learned.status == .seeOther)
        }
        #expect(try String(contentsOfFile: baseline, encoding: .utf8).contains("10.77.9.66"))
        #expect(try store.alert(id: alert.id)?.state == "closed")
        #expect(try store.auditTrail(limit: 5).contains { $0.action == "alert.learn" && $0.actor == "analyst" })
    }
}
