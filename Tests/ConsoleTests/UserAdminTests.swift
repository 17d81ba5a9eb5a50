import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import SQLiteStore
import Storage
import Testing

@testable import Console

/// Users and tokens managed from the console by an admin, and nobody else.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct UserAdminTests {
    @Test func adminManagesUsersAndTokens() async throws {
        let folder = try makeTemporaryFolderForConsole()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        for role in [ConsoleRole.viewer, .admin] {
            try store.saveConsoleUser(
                ConsoleUser(
                    name: role.rawValue, role: role, passwordHash: Bcrypt.hash(ConsoleFixture.password, cost: 4),
                    created: 1),
                actor: "test")
        }
        let app = Application(router: ConsoleServer(store: store).router())
        try await app.test(.router) { client in
            let admin = try #require(try await BrowserSession.signIn(client, user: "admin"))
            let viewer = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            func post(_ path: String, _ session: BrowserSession, _ fields: [String: String]) async throws
                -> TestResponse
            {
                var headers = session.headers
                headers[.contentType] = "application/x-www-form-urlencoded"
                var fields = fields
                fields["csrf"] = session.csrf
                return try await client.execute(uri: path, method: .post, headers: headers, body: form(fields))
            }
            let denied = try await post(
                "/users", viewer, ["name": "mallory", "role": "admin", "password": "long enough password"])
            #expect(denied.status == .forbidden)
            #expect(try store.consoleUser(named: "mallory") == nil)
            #expect(
                try await post(
                    "/users", admin, ["name": "bad name!", "role": "viewer", "password": "long enough password"]
                ).status == .badRequest)
            #expect(
                try await post("/users", admin, ["name": "shorty", "role": "viewer", "password": "short"]).status
                    == .badRequest)
            #expect(try await post("/users", admin, ["name": "admin", "role": "viewer"]).status == .badRequest)

            let added = try await post(
                "/users", admin, ["name": "operator", "role": "analyst", "password": "operator password 1"])
            #expect(added.status == .seeOther)
            #expect(try store.consoleUser(named: "operator")?.role == .analyst)
            let operatorSession = try #require(
                try await BrowserSession.signIn(client, user: "operator", password: "operator password 1"))

            // Disabling signs the user out and keeps them out.
            #expect(
                try await post("/users", admin, ["name": "operator", "role": "analyst", "disabled": "on"]).status
                    == .seeOther)
            #expect(
                try await client.execute(uri: "/", method: .get, headers: operatorSession.headers).status == .seeOther)
            #expect(try await BrowserSession.signIn(client, user: "operator", password: "operator password 1") == nil)

            // A token is shown once and works until revoked; never above its user's role.
            #expect(
                try await post("/tokens", admin, ["name": "siem", "user": "viewer", "role": "admin"]).status
                    == .badRequest)
            let made = try await post("/tokens", admin, ["name": "siem", "user": "viewer", "role": "viewer"])
            let page = String(buffer: made.body)
            let start = try #require(page.range(of: "<code id=\"new-token\">"))
            let token = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(
                try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: "Bearer \(token)"])
                    .status == .ok)
            let id = try #require(try store.apiTokens().first { $0.name == "siem" }?.id)
            #expect(try await post("/tokens/remove", admin, ["id": "\(id)"]).status == .seeOther)
            #expect(
                try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: "Bearer \(token)"])
                    .status
                    == .unauthorized)

            #expect(try await post("/users/remove", admin, ["name": "admin"]).status == .badRequest)
            #expect(try await post("/users/remove", admin, ["name": "operator"]).status == .seeOther)
            #expect(try store.consoleUser(named: "operator") == nil)
            let actions = try store.auditTrail(limit: 20).filter { $0.actor == "admin" }.map(\.action)
            #expect(
                Set(actions).isSuperset(of: ["user.add", "user.update", "token.add", "token.remove", "user.remove"]))
        }
    }
}

func makeTemporaryFolderForConsole() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-users-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
