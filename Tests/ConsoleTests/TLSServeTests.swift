import CorpusTestSupport
import Foundation
import HummingbirdBcrypt
import SQLiteStore
import Storage
import Testing

@testable import Console

/// `palisade serve --tls-cert --tls-key` as a process on a loopback port, spoken to with curl:
/// HTTPS with the given certificate, HSTS, a Secure session cookie, no plain HTTP on that port,
/// and a clear error for a certificate that cannot be read.
@Suite(
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "needs openssl and curl"))
struct TLSServeTests {
    @Test func servesHTTPSWithSecureCookies() throws {
        let folder = try makeTemporaryFolder("palisade-tls")
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let made = try run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                "-out", certificate, "-days", "2", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let database = folder.appendingPathComponent("palisade.db").path
        let store = try SQLiteStore(path: database)
        try store.saveConsoleUser(
            ConsoleUser(
                name: "admin", role: .admin, passwordHash: Bcrypt.hash(ConsoleFixture.password, cost: 4), created: 1),
            actor: "test")
        let port = try freePort(type: Int32(SOCK_STREAM.rawValue))
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary!)
        server.arguments = [
            "serve", "--db", database, "--listen", "127.0.0.1:\(port)", "--tls-cert", certificate, "--tls-key", key,
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        for _ in 0..<200 where !canConnect(port: port) { Thread.sleep(forTimeInterval: 0.05) }
        let base = "https://127.0.0.1:\(port)"
        // The login page over TLS, verified against the certificate, with HSTS.
        let login = try run(
            "/usr/bin/curl", ["-sS", "-D", "-", "-o", "/dev/null", "--cacert", certificate, "\(base)/login"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.hasPrefix("HTTP/1.1 200"))
        #expect(login.stdout.lowercased().contains("strict-transport-security: max-age="))
        // Signing in sets a Secure, HttpOnly, SameSite cookie.
        let signIn = try run(
            "/usr/bin/curl",
            [
                "-sS", "-D", "-", "-o", "/dev/null", "--cacert", certificate, "--data-urlencode", "user=admin",
                "--data-urlencode", "password=\(ConsoleFixture.password)", "--data-urlencode", "next=/",
                "\(base)/login",
            ])
        let cookie = try #require(
            signIn.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: palisade_session=") })
        #expect(cookie.contains("Secure"))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        // A client that does not trust the certificate is refused; plain HTTP gets no page.
        #expect(try run("/usr/bin/curl", ["-sS", "-o", "/dev/null", "\(base)/login"]).status != 0)
        let plain = try run(
            "/usr/bin/curl",
            ["-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/login"])
        #expect(plain.stdout != "200")
    }

    @Test func unreadableCertificateIsAClearError() throws {
        let folder = try makeTemporaryFolder("palisade-tls-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.pem").path
        try "not a certificate\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        let database = folder.appendingPathComponent("palisade.db").path
        for (certificate, key) in [("/nonexistent/cert.pem", garbage), (garbage, garbage)] {
            let result = try run(
                CLI.binary!,
                [
                    "serve", "--db", database, "--listen",
                    "127.0.0.1:\(try freePort(type: Int32(SOCK_STREAM.rawValue)))",
                    "--tls-cert", certificate, "--tls-key", key,
                ])
            #expect(result.status != 0)
            #expect(result.stderr.contains(certificate), "\(result.stderr)")
        }
    }
}
