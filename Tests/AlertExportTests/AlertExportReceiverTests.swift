import AlertExport
import CorpusTestSupport
import Detection
import Foundation
import Testing

let receiverAvailable = RsyslogReceiver.executable != nil && RsyslogReceiver.hasOpenSSLDriver
let receiverMissing = "rsyslogd with the ossl driver is not installed (apt-get install rsyslog rsyslog-openssl)"

/// `HOSTNAME` → payload, for lines `<PRI>1 TIMESTAMP HOSTNAME palisade - alert - PAYLOAD`.
func payloads(_ lines: [String]) -> [String: (priority: String, payload: String)] {
    var result: [String: (String, String)] = [:]
    for line in lines {
        let fields = line.split(separator: " ", maxSplits: 7, omittingEmptySubsequences: false)
        guard fields.count == 8, fields[3] == "palisade", fields[5] == "alert" else { continue }
        result[String(fields[2])] = (String(fields[0]), String(fields[7]))
    }
    return result
}

@Suite(.serialized, .enabled(if: receiverAvailable, Comment(rawValue: receiverMissing)))
struct AlertExportReceiverTests {
    /// Every format over every transport reaches a real rsyslogd byte for byte: the CEF and LEEF
    /// payloads arrive exactly as formatted (escaped `|` and `=` included, tabs intact), the JSON
    /// parses back to the same alert id, and the priority is local4.err.
    @Test func everyFormatOverEveryTransportArrives() throws {
        let receiver = try RsyslogReceiver()
        defer { receiver.stop() }
        var destinations: [AlertDestination] = []
        for transport in SyslogTransport.allCases {
            for format in AlertPayloadFormat.allCases {
                let port =
                    switch transport {
                    case .udp: receiver.udpPort
                    case .tcp: receiver.tcpPort
                    case .tls: receiver.tlsPort
                    }
                let tls = transport == .tls
                destinations.append(
                    .syslog(
                        SyslogDestination(
                            transport: transport, host: "127.0.0.1", port: port, format: format, facility: .local4,
                            caFile: tls ? receiver.caFile : nil, certFile: tls ? receiver.clientCertificate : nil,
                            keyFile: tls ? receiver.clientKey : nil,
                            hostname: "\(transport.rawValue)-\(format.rawValue)")))
            }
        }
        let errors = Messages()
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: destinations), identity: testIdentity,
            onError: errors.append)
        let alert = sampleAlert()
        hub.export(alert)
        let lines = receiver.lines { payloads($0).count >= 9 }
        hub.close()
        let received = payloads(lines)
        #expect(received.count == 9, "received: \(lines)\nerrors: \(errors.all)\nrsyslogd: \(receiver.log)")
        for transport in SyslogTransport.allCases {
            let cef = try #require(received["\(transport.rawValue)-cef"], "no CEF over \(transport)")
            #expect(cef.priority == "<163>1")
            #expect(cef.payload == AlertPayload.cef(alert, identity: testIdentity))
            #expect(
                cef.payload.hasPrefix(
                    #"CEF:0|Palisade|Palisade OT Sensor|1.2|plant-setpoint|Write to Pump\|A with speed=5|8|"#))
            #expect(cef.payload.contains(#"msg=Rule fired.\nValue a\=b \\ c"#))

            let leef = try #require(received["\(transport.rawValue)-leef"], "no LEEF over \(transport)")
            #expect(leef.payload == AlertPayload.leef(alert, identity: testIdentity))
            #expect(
                leef.payload.hasPrefix(
                    "LEEF:2.0|Palisade|Palisade OT Sensor|1.2|plant-setpoint|x09|devTime=1700000005000\tsev=8\tsrc=10.77.9.66\tdst=10.77.2.10\tcat=plant-setpoint\ttechniques=T0836,T0855\t"
                ))

            let json = try #require(received["\(transport.rawValue)-json"], "no JSON over \(transport)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.payload.utf8)) as? [String: Any])
            #expect(object["id"] as? String == alert.id)
            #expect(object["summary"] as? String == alert.summary)
        }
        for (label, statistics) in hub.statistics {
            #expect(statistics.sent == 1, "\(label)")
            #expect(statistics.dropped == 0, "\(label)")
        }
    }

    /// UDP cuts a long message at `max_message_bytes` without splitting a UTF-8 sequence; TCP
    /// carries it whole.
    @Test func udpTruncatesOnACharacterBoundaryAndTCPDoesNot() throws {
        let receiver = try RsyslogReceiver()
        defer { receiver.stop() }
        let alert = sampleAlert(explanation: String(repeating: "é€", count: 2000))
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: [
                .syslog(
                    SyslogDestination(
                        transport: .udp, host: "127.0.0.1", port: receiver.udpPort, format: .cef, hostname: "udp",
                        maxMessageBytes: 1000)),
                .syslog(
                    SyslogDestination(
                        transport: .tcp, host: "127.0.0.1", port: receiver.tcpPort, format: .cef, hostname: "tcp")),
            ]), identity: testIdentity)
        hub.export(alert)
        let lines = receiver.lines { payloads($0).count >= 2 }
        hub.close()
        let udp = try #require(lines.first { $0.contains(" udp palisade ") })
        let tcp = try #require(lines.first { $0.contains(" tcp palisade ") })
        #expect(udp.utf8.count <= 1000)
        #expect(udp.utf8.count >= 996)
        #expect(!udp.contains("\u{FFFD}"))
        #expect(udp.hasSuffix("é") || udp.hasSuffix("€"))
        #expect(tcp.utf8.count > 10_000)
        #expect(tcp.hasSuffix("cn1Label=Evidence frame"))
    }

    /// The receiver restarts: the exporter notices the closed connection, reconnects (with
    /// backoff) and delivers what was exported meanwhile.
    @Test func tcpExporterReconnectsAfterTheReceiverRestarts() throws {
        let first = try RsyslogReceiver()
        let ports = (first.udpPort, first.tcpPort, first.tlsPort)
        let errors = Messages()
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: [
                .syslog(
                    SyslogDestination(
                        transport: .tcp, host: "127.0.0.1", port: first.tcpPort, format: .json, hostname: "tcp"))
            ]), onError: errors.append)
        defer { hub.close(timeout: 0) }
        var before = sampleAlert()
        before.id = "before-restart"
        hub.export(before)
        #expect(first.lines { $0.contains { $0.contains("before-restart") } }.count == 1)
        first.stop()
        Thread.sleep(forTimeInterval: 0.5)
        var after = sampleAlert()
        after.id = "after-restart"
        hub.export(after)
        let second = try RsyslogReceiver(ports: ports)
        defer { second.stop() }
        let lines = second.lines(timeout: 20) { $0.contains { $0.contains("after-restart") } }
        #expect(lines.contains { $0.contains("after-restart") }, "errors: \(errors.all)\nrsyslogd: \(second.log)")
        let statistics = hub.statistics[0].statistics
        #expect(statistics.sent == 2)
        #expect(statistics.dropped == 0)
    }

    /// A receiver whose certificate the configured CA did not sign: no message, a clear error.
    @Test func tlsHandshakeFailureIsReportedClearly() throws {
        let receiver = try RsyslogReceiver()
        defer { receiver.stop() }
        let errors = Messages()
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: [
                .syslog(
                    SyslogDestination(
                        transport: .tls, host: "127.0.0.1", port: receiver.tlsPort, format: .cef,
                        caFile: receiver.strangerCAFile, certFile: receiver.clientCertificate,
                        keyFile: receiver.clientKey))
            ]), onError: errors.append)
        hub.export(sampleAlert())
        let deadline = Date(timeIntervalSinceNow: 10)
        while errors.all.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let statistics = hub.statistics[0].statistics
        hub.close(timeout: 0)
        let message = try #require(errors.all.first)
        #expect(message.contains("TLS handshake with 127.0.0.1:\(receiver.tlsPort) failed"), "\(message)")
        #expect(message.contains("CERTIFICATE_VERIFY_FAILED"), "\(message)")
        #expect(statistics.sent == 0)
        #expect(statistics.failures >= 1)
        #expect(statistics.lastError == message.split(separator: ": ", maxSplits: 1).last.map(String.init))
    }
}

@Suite struct AlertExporterBehaviourTests {
    /// Nothing listens: the queue keeps the newest `queue` alerts and counts the rest as
    /// dropped, and `export` returns at once.
    @Test func fullQueueDropsTheOldestWithoutBlocking() throws {
        let port = try freePort(type: Int32(SOCK_STREAM.rawValue))
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: [
                .syslog(SyslogDestination(transport: .tcp, host: "127.0.0.1", port: port, queue: 3))
            ]))
        let started = Date()
        for index in 0..<10_000 {
            var alert = sampleAlert()
            alert.id = String(index)
            hub.export(alert)
        }
        let elapsed = Date().timeIntervalSince(started)
        let statistics = hub.statistics[0].statistics
        hub.close(timeout: 0)
        #expect(elapsed < 2, "10,000 exports took \(elapsed) s")
        #expect(statistics.queued == 3)
        #expect(statistics.dropped == 9_997)
        #expect(statistics.sent == 0)
    }

    /// JSON lines go to the file, synced; after a rotation (rename) the exporter writes a new
    /// file at the configured path.
    @Test func fileExporterAppendsAndFollowsRotation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("alerts.jsonl").path
        let hub = try AlertExportHub(
            configuration: AlertExportConfiguration(destinations: [.file(FileDestination(path: path))]))
        var first = sampleAlert()
        first.id = "first"
        hub.export(first)
        try waitFor { (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\"first\"") == true }
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        var second = sampleAlert()
        second.id = "second"
        hub.export(second)
        try waitFor { FileManager.default.fileExists(atPath: path) }
        hub.close()
        let rotated = try String(contentsOfFile: path + ".1", encoding: .utf8)
        let current = try String(contentsOfFile: path, encoding: .utf8)
        #expect(rotated == AlertFormatter.jsonLine(first) + "\n")
        #expect(current == AlertFormatter.jsonLine(second) + "\n")
        #expect(hub.statistics[0].statistics.sent == 2)
    }
}

func waitFor(_ condition: () -> Bool) throws {
    let deadline = Date(timeIntervalSinceNow: 10)
    while !condition() {
        guard Date() < deadline else { throw ReceiverError(description: "timed out") }
        Thread.sleep(forTimeInterval: 0.02)
    }
}

/// Error messages collected from the exporters' threads.
final class Messages: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    var all: [String] { lock.withLock { messages } }
    @Sendable func append(_ message: String) { lock.withLock { messages.append(message) } }
}
