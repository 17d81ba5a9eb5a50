import CorpusTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import SQLiteStore
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
                mode: "learning", learningStarted: now - 3_600_000_000_000, learningUntil: now + 3_600_000_000_000,
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
}
