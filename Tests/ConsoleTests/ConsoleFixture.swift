import AssetInventory
import CorpusTestSupport
import EventModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import SQLiteStore
import Segmentation
import Sensor
import Storage

@testable import Console

/// A store holding the peers' mixed plant (assets, edges, alerts) and one user per role, shared
/// by the console tests; each test gets its own server (sessions, throttle).
final class ConsoleFixture: Sendable {
    static let password = "correct horse battery"
    static let shared: ConsoleFixture? = try? ConsoleFixture()

    let store: SQLiteStore
    let folder: URL
    let alertIDs: [String]
    let assetIDs: [String]
    let tokens: [ConsoleRole: String]

    init() throws {
        guard FileManager.default.fileExists(atPath: corpusRoot.appendingPathComponent("peers/mixed.pcap").path) else {
            throw CocoaError(.fileNoSuchFile)
        }
        folder = try makeTemporaryFolder("palisade-console")
        store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        let reference =
            (try? ReferenceData.load(
                explicit: corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path))
            ?? ReferenceData()
        let writer = try StoreWriter(store: store, reference: reference)
        let importer = CaptureImporter(writer: writer, workers: 2)
        importer.detection = StoreDetection(rules: .builtIn)
        _ = try importer.importCapture(corpusRoot.appendingPathComponent("peers/mixed.pcap").path, force: false)
        let tokens = try Self.addUsersAndTokens(to: store)
        self.tokens = tokens
        var query = AlertQuery()
        query.limit = 1000
        alertIDs = try store.alerts(query).map(\.id)
        assetIDs = try store.assets().map(\.id)
    }

    /// The peers README's subnets as zones, with one conduit: the HMI's Modbus reads.
    static let zones: ZonePolicy? = try? ZonePolicyReader.parse(
        """
        zones:
          - {name: supervisory, cidrs: [10.77.1.0/24], purdue_level: 2}
          - {name: control, cidrs: [10.77.2.0/24], purdue_level: 1}
          - {name: operations, cidrs: [10.77.3.0/24], purdue_level: 2}
          - {name: rogue-segment, cidrs: [10.77.9.0/24], purdue_level: 2}
        conduits:
          - {name: hmi-modbus, from: supervisory, to: control, protocols: [modbus], ports: [502], operations: [read]}
        """, file: "fixture-zones.yaml")

    /// One user and one API token per role (named after the role); returns the tokens.
    static func addUsersAndTokens(to store: SQLiteStore) throws -> [ConsoleRole: String] {
        var tokens: [ConsoleRole: String] = [:]
        for role in ConsoleRole.allCases {
            // Cost 4: the tests sign in often; the CLI uses 12.
            try store.saveConsoleUser(
                ConsoleUser(
                    name: role.rawValue, role: role, passwordHash: Bcrypt.hash(password, cost: 4), created: 1),
                actor: "test")
            let token = RandomToken.make()
            _ = try store.addAPIToken(
                APIToken(
                    name: "\(role.rawValue)-token", user: role.rawValue, role: role,
                    tokenHash: MessageDigestForTests.sha256(token), created: 1), actor: "test")
            tokens[role] = token
        }
        return tokens
    }

    /// Imports the peers' Modbus attack with the built-in rules and returns an alert on the
    /// rogue (10.77.9.66) whose evidence holds an event, the kind learning takes.
    static func importRogueAlert(into store: SQLiteStore) throws -> StoredAlert? {
        let writer = try StoreWriter(store: store, reference: ReferenceData())
        let importer = CaptureImporter(writer: writer, workers: 2)
        importer.detection = StoreDetection(rules: .builtIn)
        _ = try importer.importCapture(corpusRoot.appendingPathComponent("peers/modbus-attack.pcap").path)
        var query = AlertQuery()
        query.limit = 100
        return try store.alerts(query).first {
            $0.evidenceJSON.contains("\"event\"") && $0.summary.contains("10.77.9.66")
        }
    }

    func application(zones: ZonePolicy? = ConsoleFixture.zones) -> some Hummingbird.ApplicationProtocol {
        Application(
            router: ConsoleServer(store: store, throttle: LoginThrottle(limit: 5, window: 300), zonePolicy: zones)
                .router())
    }
}

enum MessageDigestForTests {
    static func sha256(_ text: String) -> String { MessageDigest.hex(.sha256, of: text) }
}

/// A signed-in browser: its session cookie and the page's CSRF token.
struct BrowserSession {
    var cookie: String
    var csrf: String

    var headers: HTTPFields { [.cookie: "palisade_session=\(cookie)"] }

    static func signIn(_ client: some TestClientProtocol, user: String, password: String = ConsoleFixture.password)
        async throws -> BrowserSession?
    {
        let response = try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(
                string: "user=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2F"))
        guard response.status == .seeOther, let setCookie = response.headers[.setCookie],
            let value = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last
        else { return nil }
        let cookie = String(value)
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "palisade_session=\(cookie)"])
        let html = String(buffer: page.body)
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        let csrf = html[range.upperBound...].prefix { $0 != "\"" }
        return BrowserSession(cookie: cookie, csrf: String(csrf))
    }
}

func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(
        string: fields.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&"))
}
