import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Console

/// Every route against every role: anonymous page requests go to the login page, anonymous API
/// calls get 401, too small a role gets 403, enough gets 200.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct AccessControlTests {
    static let fixture = ConsoleFixture.shared!

    /// (path, least role); ids are filled in from the fixture.
    static var routes: [(String, ConsoleRole)] {
        let asset = fixture.assetIDs[0]
        let alert = fixture.alertIDs[0]
        return [
            ("/", .viewer), ("/assets", .viewer), ("/assets/\(asset)", .viewer), ("/alerts", .viewer),
            ("/alerts/\(alert)", .viewer), ("/vulnerabilities", .viewer), ("/map", .viewer),
            ("/map?protocol=modbus", .viewer),
            ("/import", .analyst), ("/baseline", .viewer), ("/alert-groups", .viewer), ("/zones", .viewer),
            ("/api/zones", .viewer),
            ("/zones/policy?format=nft", .viewer),
            ("/api/alert-groups", .viewer), ("/access", .viewer), ("/report?format=md", .viewer),
            ("/api/access", .viewer),
            ("/users", .admin), ("/audit", .admin), ("/api/users", .admin), ("/api/audit", .admin),
            ("/api/status", .viewer), ("/api/assets", .viewer), ("/api/assets/\(asset)", .viewer),
            ("/api/alerts", .viewer), ("/api/alerts/\(alert)", .viewer), ("/api/vulnerabilities", .viewer),
            ("/api/openapi.json", .viewer), ("/api/map", .viewer), ("/api/map?role=plc", .viewer),
            ("/api/baseline", .viewer), ("/api/tokens", .admin), ("/api/captures", .analyst),
        ]
    }

    @Test func roleMatrixForReads() async throws {
        let app = Self.fixture.application()
        try await app.test(.router) { client in
            var sessions: [ConsoleRole: BrowserSession] = [:]
            for role in ConsoleRole.allCases {
                let session = try #require(try await BrowserSession.signIn(client, user: role.rawValue))
                sessions[role] = session
            }
            for (path, least) in Self.routes {
                let anonymous = try await client.execute(uri: path, method: .get)
                if path.hasPrefix("/api/") {
                    #expect(anonymous.status == .unauthorized, "\(path)")
                    #expect(anonymous.headers[.contentType] == "application/json")
                } else {
                    #expect(anonymous.status == .seeOther, "\(path)")
                    #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
                }
                for role in ConsoleRole.allCases {
                    let viaSession = try await client.execute(uri: path, method: .get, headers: sessions[role]!.headers)
                    let viaToken = try await client.execute(
                        uri: path, method: .get, headers: [.authorization: "Bearer \(Self.fixture.tokens[role]!)"])
                    let expected: HTTPResponse.Status = role >= least ? .ok : .forbidden
                    #expect(viaSession.status == expected, "\(path) as \(role) by session")
                    #expect(viaToken.status == expected, "\(path) as \(role) by token")
                }
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let app = Self.fixture.application()
        try await app.test(.router) { client in
            for path in ["/login", "/", "/api/status", "/static/console.css", "/nowhere"] {
                let response = try await client.execute(uri: path, method: .get)
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
        }
    }

    @Test func triageNeedsAnalystAndCSRF() async throws {
        let fixture = Self.fixture
        let alert = fixture.alertIDs[1]
        let app = fixture.application()
        try await app.test(.router) { client in
            let viewer = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            let analyst = try #require(try await BrowserSession.signIn(client, user: "analyst"))
            let before = try fixture.store.alert(id: alert)?.state
            let formHeaders: (BrowserSession) -> HTTPFields = { session in
                var headers = session.headers
                headers[.contentType] = "application/x-www-form-urlencoded"
                return headers
            }
            // A viewer may not, with or without the token.
            let denied = try await client.execute(
                uri: "/alerts/\(alert)/state", method: .post, headers: formHeaders(viewer),
                body: form(["state": "closed", "csrf": viewer.csrf]))
            #expect(denied.status == .forbidden)
            // An analyst without the CSRF token, or with another session's, is refused.
            for csrf in ["", viewer.csrf, "forged"] {
                let refused = try await client.execute(
                    uri: "/alerts/\(alert)/state", method: .post, headers: formHeaders(analyst),
                    body: form(["state": "closed", "csrf": csrf]))
                #expect(refused.status == .forbidden, "csrf '\(csrf)'")
            }
            #expect(try fixture.store.alert(id: alert)?.state == before)
            // With it, the state changes and the audit trail says who.
            let done = try await client.execute(
                uri: "/alerts/\(alert)/state", method: .post, headers: formHeaders(analyst),
                body: form(["state": "acknowledged", "note": "looked at it", "csrf": analyst.csrf]))
            #expect(done.status == .seeOther)
            #expect(try fixture.store.alert(id: alert)?.state == "acknowledged")
            let audit = try fixture.store.auditTrail(limit: 5)
            #expect(audit.contains { $0.actor == "analyst" && $0.subject.contains(alert) })
            // A bad state is a 400 that changes nothing.
            let bad = try await client.execute(
                uri: "/alerts/\(alert)/state", method: .post, headers: formHeaders(analyst),
                body: form(["state": "deleted", "csrf": analyst.csrf]))
            #expect(bad.status == .badRequest)
            #expect(try fixture.store.alert(id: alert)?.state == "acknowledged")
        }
    }

    @Test func apiTokensTriageWithoutCookiesAndNeverAboveTheirUser() async throws {
        let fixture = Self.fixture
        let alert = fixture.alertIDs[2]
        let app = fixture.application()
        try await app.test(.router) { client in
            let body = ByteBuffer(string: #"{"state": "closed", "note": "by the SOC"}"#)
            let viewer = try await client.execute(
                uri: "/api/alerts/\(alert)/state", method: .post,
                headers: [.authorization: "Bearer \(fixture.tokens[.viewer]!)", .contentType: "application/json"],
                body: body)
            #expect(viewer.status == .forbidden)
            let analyst = try await client.execute(
                uri: "/api/alerts/\(alert)/state", method: .post,
                headers: [.authorization: "Bearer \(fixture.tokens[.analyst]!)", .contentType: "application/json"],
                body: body)
            #expect(analyst.status == .ok)
            let record = try JSONSerialization.jsonObject(with: Data(buffer: analyst.body)) as? [String: Any]
            #expect(record?["state"] as? String == "closed")
            #expect(try fixture.store.auditTrail(limit: 3).contains { $0.actor == "analyst (token analyst-token)" })
            // A session must send the CSRF header on API writes.
            let session = try #require(try await BrowserSession.signIn(client, user: "analyst"))
            var headers = session.headers
            headers[.contentType] = "application/json"
            let withoutHeader = try await client.execute(
                uri: "/api/alerts/\(alert)/state", method: .post, headers: headers, body: body)
            #expect(withoutHeader.status == .forbidden)
            headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
            let withHeader = try await client.execute(
                uri: "/api/alerts/\(alert)/state", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"state": "new"}"#))
            #expect(withHeader.status == .ok)
            // Mute through the API: a reason and 1…8760 hours, analyst or above.
            let tokenHeaders: HTTPFields = [
                .authorization: "Bearer \(fixture.tokens[.analyst]!)", .contentType: "application/json",
            ]
            let noReason = try await client.execute(
                uri: "/api/alerts/\(alert)/mute", method: .post, headers: tokenHeaders,
                body: ByteBuffer(string: #"{"hours": 4}"#))
            #expect(noReason.status == .badRequest)
            let muted = try await client.execute(
                uri: "/api/alerts/\(alert)/mute", method: .post, headers: tokenHeaders,
                body: ByteBuffer(string: #"{"hours": 4, "reason": "maintenance window"}"#))
            #expect(muted.status == .ok)
            let mutes = try JSONSerialization.jsonObject(with: Data(buffer: muted.body)) as? [[String: Any]]
            #expect(mutes?.contains { $0["reason"] as? String == "maintenance window" } == true)
            let forged = try await client.execute(
                uri: "/api/status", method: .get, headers: [.authorization: "Bearer not-a-token"])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func wrongPasswordsAreThrottled() async throws {
        let app = Self.fixture.application()
        try await app.test(.router) { client in
            for _ in 0..<5 {
                let wrong = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: form(["user": "admin", "password": "guess"]))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers[.setCookie] == nil)
            }
            // Now even the right password waits.
            let blocked = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form(["user": "admin", "password": ConsoleFixture.password]))
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.setCookie] == nil)
            // Another user from elsewhere is not locked out by admin's failures... but this client is.
            #expect(try await BrowserSession.signIn(client, user: "viewer") == nil)
        }
        #expect(try Self.fixture.store.auditTrail(limit: 20).filter { $0.action == "login.failed" }.count >= 5)
    }

    @Test func signOutEndsTheSession() async throws {
        let app = Self.fixture.application()
        try await app.test(.router) { client in
            let session = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: headers, body: form(["csrf": session.csrf]))
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/", method: .get, headers: session.headers)
            #expect(after.status == .seeOther)
        }
    }
}
