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

/// The API's map, baseline, learning and administration calls: what they answer (checked
/// against the OpenAPI document's schemas), who may call them, and what they change.
@Suite(
    .enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct APIActionTests {
    static let fixture = ConsoleFixture.shared!

    @Test func mapAnswersTheDrawnMap() async throws {
        let fixture = Self.fixture
        try await fixture.application().test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(fixture.tokens[.viewer]!)"]
            let response = try await client.execute(uri: "/api/map", method: .get, headers: auth)
            #expect(response.status == .ok)
            let map = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(APISchema.problems(map, path: "/api/map", method: "get", status: "200").isEmpty)
            let nodes = try #require(map["nodes"] as? [[String: Any]])
            let links = try #require(map["links"] as? [[String: Any]])
            #expect(map["aggregated"] as? Bool == false)
            // Every asset of the mixed plant is a node; PLC 1 (10.77.2.10) is drawn at level 1.
            #expect(Set(nodes.compactMap { $0["id"] as? String }) == Set(fixture.assetIDs))
            let plc = try #require(nodes.first { ($0["detail"] as? String ?? "").contains("10.77.2.10") })
            #expect(plc["band"] as? String == "Level 1")
            // The rogue's Modbus link carries writes: its colour is the most dangerous operation.
            let ids = Set(nodes.compactMap { $0["id"] as? String })
            #expect(
                links.allSatisfy {
                    ids.contains($0["from"] as? String ?? "") && ids.contains($0["to"] as? String ?? "")
                })
            let rogue = try #require(
                nodes.first { ($0["detail"] as? String ?? "").contains("10.77.9.66") }?["id"] as? String)
            let rogueLinks = links.filter { $0["from"] as? String == rogue }
            #expect(rogueLinks.contains { ($0["protocols"] as? [String] ?? []).contains("modbus") })
            #expect(
                rogueLinks.contains {
                    ["program", "control", "firmware", "write"].contains($0["danger"] as? String ?? "")
                })
            // The protocol filter keeps only that protocol's links.
            let filtered = try await client.execute(uri: "/api/map?protocol=s7comm", method: .get, headers: auth)
            let onlyS7 = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: filtered.body)) as? [String: Any])
            let s7Links = try #require(onlyS7["links"] as? [[String: Any]])
            #expect(!s7Links.isEmpty)
            #expect(s7Links.allSatisfy { $0["protocols"] as? [String] == ["s7comm"] })
        }
    }

    @Test func baselineProgressReviewAndChanges() async throws {
        let folder = try makeTemporaryFolder("palisade-api-baseline")
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline.yaml").path
        #expect(try Self.learn("peers/modbus-normal.pcap", into: baseline))
        let (store, tokens) = try Self.storeWithUsers(folder)
        let now = WallClock.nanoseconds()
        try store.saveDetectionStatus(
            DetectionStatus(
                mode: "learning", learningStarted: now - 864_000_000_000_000, learningUntil: now + 864_000_000_000_000,
                baselineEntries: 12, baselinePath: baseline, updated: now), sensor: "eth1")
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            let viewer: HTTPFields = [.authorization: "Bearer \(tokens[.viewer]!)"]
            var analyst: HTTPFields = [.authorization: "Bearer \(tokens[.analyst]!)"]
            analyst[.contentType] = "application/json"
            var answer = try await Self.json(client, "/api/baseline", headers: viewer) as? [[String: Any]]
            #expect(APISchema.problems(answer ?? [], path: "/api/baseline", method: "get", status: "200").isEmpty)
            var sensor = try #require(answer?.first)
            #expect(sensor["sensor"] as? String == "eth1")
            #expect(sensor["mode"] as? String == "learning")
            #expect(abs((sensor["progress"] as? Double ?? 0) - 0.5) < 0.01)
            #expect((sensor["document"] as? String ?? "").contains("palisade.baseline/1"))
            #expect(sensor["reviewed"] as? Bool == false)
            // A viewer may not mark it reviewed; an unknown sensor is a 404.
            let denied = try await client.execute(
                uri: "/api/baseline/reviewed", method: .post, headers: viewer,
                body: ByteBuffer(string: #"{"sensor":"eth1"}"#))
            #expect(denied.status == .forbidden)
            let unknown = try await client.execute(
                uri: "/api/baseline/reviewed", method: .post, headers: analyst,
                body: ByteBuffer(string: #"{"sensor":"eth9"}"#))
            #expect(unknown.status == .notFound)
            let reviewed = try await client.execute(
                uri: "/api/baseline/reviewed", method: .post, headers: analyst,
                body: ByteBuffer(string: #"{"sensor":"eth1"}"#))
            #expect(reviewed.status == .ok)
            let reviewedBody = try JSONSerialization.jsonObject(with: Data(buffer: reviewed.body))
            #expect(
                APISchema.problems(reviewedBody, path: "/api/baseline/reviewed", method: "post", status: "200").isEmpty)
            #expect((reviewedBody as? [String: Any])?["changes_since_review"] as? [String] == [])
            // The sensor learns the rogue's traffic: the changes name it.
            #expect(try Self.learn("peers/modbus-attack.pcap", into: baseline))
            answer = try await Self.json(client, "/api/baseline", headers: viewer) as? [[String: Any]]
            sensor = try #require(answer?.first)
            #expect(sensor["reviewed"] as? Bool == true)
            #expect((sensor["changes_since_review"] as? [String] ?? []).contains { $0.contains("10.77.9.66") })
        }
        #expect(
            try store.auditTrail(limit: 3).contains { $0.action == "baseline.reviewed" && $0.actor.contains("analyst") }
        )
    }

    @Test func learnAnAlertThroughTheAPI() async throws {
        let folder = try makeTemporaryFolder("palisade-api-learn")
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline.yaml").path
        #expect(try Self.learn("peers/modbus-normal.pcap", into: baseline))
        let (store, tokens) = try Self.storeWithUsers(folder)
        let alert = try #require(try ConsoleFixture.importRogueAlert(into: store))
        try store.saveDetectionStatus(
            DetectionStatus(mode: "monitoring", baselinePath: baseline, updated: WallClock.nanoseconds()),
            sensor: "eth1")
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            var analyst: HTTPFields = [.authorization: "Bearer \(tokens[.analyst]!)"]
            analyst[.contentType] = "application/json"
            let elsewhere = try await client.execute(
                uri: "/api/alerts/\(alert.id)/learn", method: .post, headers: analyst,
                body: ByteBuffer(string: #"{"baseline":"/etc/passwd"}"#))
            #expect(elsewhere.status == .badRequest)
            let missing = try await client.execute(
                uri: "/api/alerts/nothing-here/learn", method: .post, headers: analyst,
                body: ByteBuffer(string: "{\"baseline\":\"\(baseline)\"}"))
            #expect(missing.status == .notFound)
            #expect(try store.alert(id: alert.id)?.state == "new")
            let learned = try await client.execute(
                uri: "/api/alerts/\(alert.id)/learn", method: .post, headers: analyst,
                body: ByteBuffer(string: "{\"baseline\":\"\(baseline)\",\"note\":\"commissioning laptop\"}"))
            #expect(learned.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: learned.body))
            #expect(APISchema.problems(body, path: "/api/alerts/{id}/learn", method: "post", status: "200").isEmpty)
            let changes = (body as? [String: Any])?["changes"] as? [String] ?? []
            #expect(changes.contains { $0.contains("10.77.9.66") })
            #expect(((body as? [String: Any])?["learned_events"] as? Int ?? 0) > 0)
        }
        #expect(try String(contentsOfFile: baseline, encoding: .utf8).contains("10.77.9.66"))
        #expect(try store.alert(id: alert.id)?.state == "closed")
    }

    @Test func usersAndTokensThroughTheAPI() async throws {
        let folder = try makeTemporaryFolder("palisade-api-admin")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, tokens) = try Self.storeWithUsers(folder)
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            var admin: HTTPFields = [.authorization: "Bearer \(tokens[.admin]!)"]
            admin[.contentType] = "application/json"
            var analyst: HTTPFields = [.authorization: "Bearer \(tokens[.analyst]!)"]
            analyst[.contentType] = "application/json"
            let newUser = #"{"name":"operator1","role":"viewer","password":"a long enough password"}"#
            // Only an admin, and from a session only with the CSRF header.
            #expect(
                try await client.execute(
                    uri: "/api/users", method: .post, headers: analyst, body: ByteBuffer(string: newUser)
                ).status == .forbidden)
            let session = try #require(try await BrowserSession.signIn(client, user: "admin"))
            var sessionHeaders = session.headers
            sessionHeaders[.contentType] = "application/json"
            #expect(
                try await client.execute(
                    uri: "/api/users", method: .post, headers: sessionHeaders, body: ByteBuffer(string: newUser)
                ).status == .forbidden)
            #expect(try store.consoleUser(named: "operator1") == nil)
            // Bad input is a 400 that adds nothing.
            for bad in [
                #"{"name":"operator1","role":"viewer","password":"short"}"#,
                #"{"name":"operator 1","role":"viewer","password":"a long enough password"}"#,
                #"{"name":"operator1","role":"root","password":"a long enough password"}"#,
                #"{"name":"operator1","role":"viewer"}"#, "[1,2]",
            ] {
                let refused = try await client.execute(
                    uri: "/api/users", method: .post, headers: admin, body: ByteBuffer(string: bad))
                #expect(refused.status == .badRequest, "\(bad)")
            }
            #expect(try store.consoleUser(named: "operator1") == nil)
            let created = try await client.execute(
                uri: "/api/users", method: .post, headers: admin, body: ByteBuffer(string: newUser))
            #expect(created.status == .created)
            let user = try JSONSerialization.jsonObject(with: Data(buffer: created.body))
            #expect(APISchema.problems(user, path: "/api/users", method: "post", status: "201").isEmpty)
            #expect((user as? [String: Any])?["role"] as? String == "viewer")
            // A token for the new user: never above the user's role, shown once, works, revocable.
            let tooStrong = try await client.execute(
                uri: "/api/tokens", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name":"siem","user":"operator1","role":"admin"}"#))
            #expect(tooStrong.status == .badRequest)
            let made = try await client.execute(
                uri: "/api/tokens", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name":"siem","user":"operator1"}"#))
            #expect(made.status == .created)
            let newToken = try JSONSerialization.jsonObject(with: Data(buffer: made.body))
            #expect(APISchema.problems(newToken, path: "/api/tokens", method: "post", status: "201").isEmpty)
            let secret = try #require((newToken as? [String: Any])?["token"] as? String)
            let tokenID = try #require((newToken as? [String: Any])?["id"] as? Int)
            let withToken: HTTPFields = [.authorization: "Bearer \(secret)"]
            #expect(try await client.execute(uri: "/api/status", method: .get, headers: withToken).status == .ok)
            let listed = try await Self.json(client, "/api/tokens", headers: admin)
            #expect(APISchema.problems(listed, path: "/api/tokens", method: "get", status: "200").isEmpty)
            let listedTokens = listed as? [[String: Any]] ?? []
            #expect(listedTokens.contains { $0["name"] as? String == "siem" && $0["role"] as? String == "viewer" })
            #expect(!String(describing: listed).contains(secret))
            // Promote the user: 200, and the change is theirs.
            let promoted = try await client.execute(
                uri: "/api/users", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name":"operator1","role":"analyst"}"#))
            #expect(promoted.status == .ok)
            #expect(try store.consoleUser(named: "operator1")?.role == .analyst)
            // Changing a user keeps their tokens (a replace of the row used to cascade to them).
            #expect(try await client.execute(uri: "/api/status", method: .get, headers: withToken).status == .ok)
            let revoked = try await client.execute(uri: "/api/tokens/\(tokenID)", method: .delete, headers: admin)
            #expect(revoked.status == .noContent)
            #expect(
                try await client.execute(uri: "/api/status", method: .get, headers: withToken).status == .unauthorized)
            #expect(
                try await client.execute(uri: "/api/tokens/\(tokenID)", method: .delete, headers: admin).status
                    == .notFound)
            // Removal: never oneself; a removed user is gone.
            #expect(
                try await client.execute(uri: "/api/users/admin", method: .delete, headers: admin).status == .badRequest
            )
            #expect(
                try await client.execute(uri: "/api/users/operator1", method: .delete, headers: analyst).status
                    == .forbidden)
            #expect(
                try await client.execute(uri: "/api/users/operator1", method: .delete, headers: admin).status
                    == .noContent)
            #expect(try store.consoleUser(named: "operator1") == nil)
            #expect(
                try await client.execute(uri: "/api/users/operator1", method: .delete, headers: admin).status
                    == .notFound)
        }
        let audit = try store.auditTrail(limit: 20)
        #expect(audit.filter { $0.subject.contains("operator1") }.count >= 3)
    }

    // MARK: helpers

    static func learn(_ capture: String, into baseline: String) throws -> Bool {
        try run(CLI.binary!, ["baseline", "learn", corpusRoot.appendingPathComponent(capture).path, "--out", baseline])
            .status == 0
    }

    /// A fresh store with one user and one API token per role.
    static func storeWithUsers(_ folder: URL) throws -> (SQLiteStore, [ConsoleRole: String]) {
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        return (store, try ConsoleFixture.addUsersAndTokens(to: store))
    }

    static func json(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields) async throws -> Any {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == .ok, "\(uri)")
        return try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }
}

/// Checks a real answer against the schema the OpenAPI document gives for that call.
enum APISchema {
    static func problems(_ value: Any, path: String, method: String, status: String) -> [String] {
        let document = OpenAPIDocument.document
        guard let paths = document["paths"] as? [String: Any],
            let operation = (paths[path] as? [String: Any])?[method] as? [String: Any],
            let response = (operation["responses"] as? [String: Any])?[status] as? [String: Any],
            let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                as? [String: Any],
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        else { return ["\(method) \(path) \(status) is not documented"] }
        return SchemaCheck(schemas: schemas).problems(value, schema, at: path)
    }
}

/// Every API write against every role: anonymous calls get 401, too small a role 403, and
/// nothing changes (the other suites share this store, so the check is on the user a refused
/// call would have removed).
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct APIWriteRoleMatrixTests {
    @Test func writesRefuseTooSmallARole() async throws {
        let fixture = ConsoleFixture.shared!
        let alert = fixture.alertIDs[0]
        let writes: [(HTTPRequest.Method, String, ConsoleRole)] = [
            (.post, "/api/alerts/\(alert)/state", .analyst), (.post, "/api/alerts/\(alert)/mute", .analyst),
            (.post, "/api/alerts/\(alert)/learn", .analyst), (.post, "/api/baseline/reviewed", .analyst),
            (.post, "/api/captures?name=x.pcap", .analyst), (.post, "/api/users", .admin),
            (.delete, "/api/users/viewer", .admin), (.post, "/api/tokens", .admin), (.delete, "/api/tokens/1", .admin),
        ]
        try await fixture.application().test(.router) { client in
            for (method, path, least) in writes {
                let anonymous = try await client.execute(uri: path, method: method, body: ByteBuffer(string: "{}"))
                #expect(anonymous.status == .unauthorized, "\(method) \(path)")
                for role in ConsoleRole.allCases where role < least {
                    let refused = try await client.execute(
                        uri: path, method: method,
                        headers: [.authorization: "Bearer \(fixture.tokens[role]!)", .contentType: "application/json"],
                        body: ByteBuffer(string: "{}"))
                    #expect(refused.status == .forbidden, "\(method) \(path) as \(role)")
                }
            }
        }
        #expect(try fixture.store.consoleUser(named: "viewer") != nil)
    }
}
