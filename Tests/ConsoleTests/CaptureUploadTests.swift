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

/// Capture upload: an analyst's pcap is imported with progress; a viewer, a non-capture and an
/// oversized body are refused and change nothing.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct CaptureUploadTests {
    struct Importer: CaptureImportService {
        let upload: UploadedCaptureImport
        func importCapture(path: String, name: String, progress: @escaping @Sendable (Double) -> Void) throws -> String
        {
            try upload.run(path: path, name: name, progress: progress)
        }
    }

    @Test func analystUploadsACapture() async throws {
        let folder = try makeTemporaryFolder("palisade-upload")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        for role in [ConsoleRole.viewer, .analyst] {
            try store.saveConsoleUser(
                ConsoleUser(
                    name: role.rawValue, role: role, passwordHash: Bcrypt.hash(ConsoleFixture.password, cost: 4),
                    created: 1), actor: "test")
        }
        let server = ConsoleServer(
            store: store, importer: Importer(upload: UploadedCaptureImport(store: store, reference: ReferenceData())),
            maximumUploadBytes: 1_000_000)
        let capture = try Data(contentsOf: corpusRoot.appendingPathComponent("peers/modbus-attack.pcap"))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let analyst = try #require(try await BrowserSession.signIn(client, user: "analyst"))
            let viewer = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            func headers(_ session: BrowserSession) -> HTTPFields {
                var headers = session.headers
                headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
                headers[.contentType] = "application/octet-stream"
                return headers
            }
            let page = try await client.execute(uri: "/import", method: .get, headers: analyst.headers)
            #expect(String(buffer: page.body).contains("id=\"upload\""))
            #expect(
                try await client.execute(uri: "/import", method: .get, headers: viewer.headers).status == .forbidden)

            let denied = try await client.execute(
                uri: "/api/captures?name=x.pcap", method: .post, headers: headers(viewer),
                body: ByteBuffer(bytes: capture))
            #expect(denied.status == .forbidden)
            let notCapture = try await client.execute(
                uri: "/api/captures?name=notes.txt", method: .post, headers: headers(analyst),
                body: ByteBuffer(string: "these are not packets"))
            #expect(notCapture.status == .unsupportedMediaType)
            let tooLarge = try await client.execute(
                uri: "/api/captures?name=big.pcap", method: .post, headers: headers(analyst),
                body: ByteBuffer(bytes: capture + Data(count: 1_000_000)))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try store.sources().isEmpty)

            let accepted = try await client.execute(
                uri: "/api/captures?name=modbus-attack.pcap", method: .post, headers: headers(analyst),
                body: ByteBuffer(bytes: capture))
            #expect(accepted.status == .accepted)
            let job = try JSONSerialization.jsonObject(with: Data(buffer: accepted.body)) as? [String: Any]
            #expect(APISchema.problems(job ?? [:], path: "/api/captures", method: "post", status: "202").isEmpty)
            let id = try #require(job?["id"] as? String)
            var state = "importing"
            var result = ""
            for _ in 0..<300 where state == "importing" {
                try await Task.sleep(for: .milliseconds(100))
                let poll = try await client.execute(uri: "/api/captures/\(id)", method: .get, headers: analyst.headers)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: poll.body)) as? [String: Any]
                #expect(
                    APISchema.problems(body ?? [:], path: "/api/captures/{id}", method: "get", status: "200").isEmpty)
                state = body?["state"] as? String ?? "?"
                result = body?["result"] as? String ?? ""
            }
            #expect(state == "done", "\(result)")
            #expect(result.hasPrefix("modbus-attack.pcap: "))
            let listed = try JSONSerialization.jsonObject(
                with: Data(
                    buffer: try await client.execute(uri: "/api/captures", method: .get, headers: analyst.headers).body)
            )
            #expect(APISchema.problems(listed, path: "/api/captures", method: "get", status: "200").isEmpty)
            #expect((listed as? [[String: Any]])?.first?["state"] as? String == "done")
            #expect(try store.sources().count == 1)
            #expect(try store.assets().count >= 2)
            #expect(try store.auditTrail(limit: 10).contains { $0.action == "capture.upload" && $0.actor == "analyst" })
        }
    }
}
