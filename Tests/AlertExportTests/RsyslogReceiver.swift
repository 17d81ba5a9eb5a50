import CorpusTestSupport
import Foundation

/// Debian's rsyslogd as a real receiver, started for a test with its own configuration in a
/// temporary folder: imudp and imtcp on free loopback ports, and imtcp with TLS (the `ossl`
/// netstream driver, package rsyslog-openssl) requiring a client certificate signed by a
/// throwaway CA made with `openssl`. Everything it receives goes to one file, raw.
final class RsyslogReceiver {
    static let executable: String? = ["/usr/sbin/rsyslogd", "/sbin/rsyslogd"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let hasOpenSSLDriver = [
        "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so", "/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_ossl.so",
    ]
    .contains { FileManager.default.fileExists(atPath: $0) }

    let folder: URL
    let udpPort: Int
    let tcpPort: Int
    let tlsPort: Int
    private let process = Process()
    var received: URL { folder.appendingPathComponent("received.log") }
    var caFile: String { folder.appendingPathComponent("ca.pem").path }
    var clientCertificate: String { folder.appendingPathComponent("client.pem").path }
    var clientKey: String { folder.appendingPathComponent("client.key").path }
    /// A CA that signed nothing here: a client trusting it must fail the handshake.
    var strangerCAFile: String { folder.appendingPathComponent("stranger-ca.pem").path }

    /// A new receiver; with `ports` (udp, tcp, tls), one that listens where a stopped one did.
    init(ports: (Int, Int, Int)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-rsyslog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.makeCertificates(in: folder)
        udpPort = try ports?.0 ?? freePort(type: Int32(SOCK_DGRAM.rawValue))
        tcpPort = try ports?.1 ?? freePort(type: Int32(SOCK_STREAM.rawValue))
        tlsPort = try ports?.2 ?? freePort(type: Int32(SOCK_STREAM.rawValue))
        let path = folder.path
        let configuration = """
            global(
              workDirectory="\(path)"
              parser.escapeControlCharactersOnReceive="off"
              maxMessageSize="64k"
              defaultNetstreamDriverCAFile="\(path)/ca.pem"
              defaultNetstreamDriverCertFile="\(path)/server.pem"
              defaultNetstreamDriverKeyFile="\(path)/server.key"
            )
            module(load="imudp")
            module(load="imtcp" maxSessions="16")
            template(name="raw" type="string" string="%rawmsg%\\n")
            ruleset(name="palisade") {
              action(type="omfile" file="\(path)/received.log" template="raw" flushOnTXEnd="on" asyncWriting="off")
            }
            input(type="imudp" address="127.0.0.1" port="\(udpPort)" ruleset="palisade")
            input(type="imtcp" address="127.0.0.1" port="\(tcpPort)" ruleset="palisade")
            input(type="imtcp" address="127.0.0.1" port="\(tlsPort)" ruleset="palisade"
                  streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")

            """
        let configurationFile = folder.appendingPathComponent("rsyslog.conf")
        try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = [
            "-n", "-f", configurationFile.path, "-i", folder.appendingPathComponent("rsyslogd.pid").path,
        ]
        process.standardOutput = try FileHandle(forWritingTo: touch("rsyslogd.out"))
        process.standardError = try FileHandle(forWritingTo: touch("rsyslogd.err"))
        try process.run()
        try waitUntilListening()
    }

    private func touch(_ name: String) -> URL {
        let url = folder.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    /// rsyslogd's own complaints, for failure messages.
    var log: String {
        ["rsyslogd.out", "rsyslogd.err"].compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    private func waitUntilListening() throws {
        let deadline = Date(timeIntervalSinceNow: 15)
        while Date() < deadline {
            if !process.isRunning { throw ReceiverError(description: "rsyslogd exited: \(log)") }
            if canConnect(port: tcpPort) && canConnect(port: tlsPort) {
                // imudp starts with the same configuration; give it a moment past the TCP inputs.
                Thread.sleep(forTimeInterval: 0.3)
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ReceiverError(description: "rsyslogd did not listen within 15 s: \(log)")
    }

    /// The received lines once `predicate` holds for them (or after `timeout`).
    func lines(timeout: Double = 10, until predicate: ([String]) -> Bool) -> [String] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var lines: [String] = []
        repeat {
            if let data = try? Data(contentsOf: received) {
                lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                if predicate(lines) { return lines }
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return lines
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            // rsyslogd 8.2302 can sit on SIGTERM while a TLS session is open: then SIGKILL.
            let deadline = Date(timeIntervalSinceNow: 1)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    static func makeCertificates(in folder: URL) throws {
        let script = """
            set -e
            cd '\(folder.path)'
            key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
            key ca.key
            openssl req -x509 -new -key ca.key -out ca.pem -days 2 -subj "/CN=Palisade test CA" 2>/dev/null
            key stranger-ca.key
            openssl req -x509 -new -key stranger-ca.key -out stranger-ca.pem -days 2 -subj "/CN=Stranger CA" 2>/dev/null
            for name in server client; do
              key $name.key
              openssl req -new -key $name.key -out $name.csr -subj "/CN=$name.palisade.test" 2>/dev/null
              printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth,clientAuth\\n' > $name.ext
              openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $name.pem -days 2 -extfile $name.ext 2>/dev/null
            done
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        try shell.run()
        shell.waitUntilExit()
        guard shell.terminationStatus == 0 else {
            throw ReceiverError(description: "openssl could not make the test certificates")
        }
    }
}

struct ReceiverError: Error, CustomStringConvertible {
    var description: String
}
