import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Console

/// Hostile requests get a clear 4xx and change nothing.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct HostileRequestTests {
    static let fixture = ConsoleFixture.shared!

    @Test func oddIdsAndFiltersAreNotFoundOrEmpty() async throws {
        let fixture = Self.fixture
        let app = fixture.application()
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(fixture.tokens[.admin]!)"]
            for uri in [
                "/assets/..%2F..%2Fetc%2Fpasswd", "/api/assets/..%2F..%2Fetc%2Fpasswd", "/api/assets/%00",
                "/alerts/'%20OR%201=1%20--", "/api/alerts/%27;DROP%20TABLE%20alert;--",
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: auth)
                #expect(response.status == .notFound, "\(uri)")
            }
            for uri in [
                "/api/alerts?rule=%27%20OR%201%3D1%20--", "/api/alerts?asset=x%27)%20OR%20(%271%27%3D%271",
                "/api/assets?q=%27%3B%20DROP%20TABLE%20asset%3B%20--", "/api/assets?level=abc&page=-5&page_size=999999",
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: auth)
                #expect(response.status == .ok, "\(uri)")
                let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let items = page?["items"] as? [Any] ?? []
                if uri.contains("alerts") { #expect(items.isEmpty, "\(uri)") }
                #expect((page?["page_size"] as? Int ?? 0) <= 500)
            }
            #expect(try fixture.store.assets().count == fixture.assetIDs.count)
        }
    }

    @Test func oversizedAndMalformedBodies() async throws {
        let fixture = Self.fixture
        let alert = fixture.alertIDs[3]
        let app = fixture.application()
        try await app.test(.router) { client in
            let before = try fixture.store.alert(id: alert)
            let headers: HTTPFields = [
                .authorization: "Bearer \(fixture.tokens[.admin]!)", .contentType: "application/json",
            ]
            let huge = ByteBuffer(
                string: #"{"state": "closed", "note": ""# + String(repeating: "x", count: 200_000) + #""}"#)
            let tooLarge = try await client.execute(
                uri: "/api/alerts/\(alert)/state", method: .post, headers: headers, body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            for body in [
                "not json", "[1,2]", #"{"state": 5}"#,
                #"{"state": "closed", "note": "\#(String(repeating: "y", count: 3000))"}"#,
            ] {
                let response = try await client.execute(
                    uri: "/api/alerts/\(alert)/state", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body.prefix(20))")
                let error = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((error?["error"] as? String)?.isEmpty == false)
            }
            #expect(try fixture.store.alert(id: alert) == before)
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "user=" + String(repeating: "a", count: 100_000)))
            #expect(login.status == .contentTooLarge)
        }
    }

    /// Text from the wire is escaped: an alert whose summary and evidence carry markup shows it
    /// as text.
    @Test func wireTextIsEscaped() async throws {
        let fixture = Self.fixture
        let marker = "<script>alert(1)</script>"
        let alert = StoredAlert(
            id: "escapetest0000001", firstTime: 1_000_000_000, lastTime: 2_000_000_000, severity: "high",
            kind: "rule", rule: "test.escape", techniques: ["T0836"], assets: ["mac:00:00:00:00:00:01"],
            summary: "write from \(marker)", explanation: "\"quoted\" & <b>bold</b>",
            evidenceJSON: #"[{"origin":"x.pcap","frame":1,"note":"\#(marker)","event":"\#(marker)"}]"#, count: 1,
            state: "new", stateChanged: nil, stateNote: nil)
        let source = try fixture.store.sensorSource(interface: "escape-test")
        try fixture.store.recordAlerts([alert], source: source)
        let app = fixture.application()
        try await app.test(.router) { client in
            let session = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            for uri in ["/alerts/escapetest0000001", "/alerts"] {
                let page = String(
                    buffer: try await client.execute(uri: uri, method: .get, headers: session.headers).body)
                #expect(!page.contains(marker), "\(uri)")
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
        }
    }

    @Test func redirectsStayOnThisSite() {
        #expect(LoginRoutes.safeNext("//evil.example/") == "/")
        #expect(LoginRoutes.safeNext("https://evil.example/") == "/")
        #expect(LoginRoutes.safeNext("/\\evil.example") == "/")
        #expect(LoginRoutes.safeNext("/alerts?state=new") == "/alerts?state=new")
    }
}
