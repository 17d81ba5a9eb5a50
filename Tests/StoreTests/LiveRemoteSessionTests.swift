import CorpusTestSupport
import Foundation
import SQLiteStore
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real TCP session on the Telnet port, seen live on the loopback: while it lasts the store
/// holds one open row that grows at each checkpoint; once both sides closed, the same row reads
/// closed with all the bytes.
@Suite(
    "live remote-access session", .enabled(if: getuid() == 0, "needs root to capture and to listen on port 23"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: findTool("python3") != nil, "python3 not found"))
struct LiveRemoteSessionTests {
    /// Server and client in one process: the client sends 100 bytes every half second, the server
    /// echoes them, and both close when the rounds are done.
    static let session = """
        import socket, sys, threading, time
        rounds = int(sys.argv[1])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 23))
        listener.listen(1)
        def serve():
            connection, _ = listener.accept()
            while True:
                data = connection.recv(4096)
                if not data:
                    break
                connection.sendall(data)
            connection.close()
        server = threading.Thread(target=serve)
        server.start()
        client = socket.create_connection(("127.0.0.1", 23))
        for _ in range(rounds):
            client.sendall(b"x" * 100)
            client.recv(4096)
            time.sleep(0.5)
        client.shutdown(socket.SHUT_WR)
        client.recv(4096)
        client.close()
        server.join()
        """

    static func telnetRows(_ path: String) throws -> [StoredRemoteSession] {
        try SQLiteStore(path: path, readOnly: true).remoteSessions(RemoteSessionQuery()).filter {
            $0.protocolName == "telnet" && $0.serverPort == 23 && $0.server == "127.0.0.1"
        }
    }

    @Test func anOpenSessionGrowsThenCloses() throws {
        let folder = try makeTemporaryFolder("palisade-live-session")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("live.db").path
        let sensor = Process()
        sensor.executableURL = URL(fileURLWithPath: CLI.binary!)
        sensor.arguments = ["sensor", "--interface", "lo", "--db", database, "--seconds", "14"]
        sensor.standardError = FileHandle.nullDevice
        sensor.standardOutput = FileHandle.nullDevice
        try sensor.run()
        defer { if sensor.isRunning { sensor.terminate() } }
        sleep(3)  // the capture is open and the store created

        let script = folder.appendingPathComponent("session.py").path
        try Self.session.write(toFile: script, atomically: true, encoding: .utf8)
        let peers = Process()
        peers.executableURL = URL(fileURLWithPath: findTool("python3")!)
        peers.arguments = [script, "14"]  // about 7 s
        let errors = Pipe()
        peers.standardError = errors
        try peers.run()
        defer { if peers.isRunning { peers.terminate() } }

        sleep(4)
        let open = try Self.telnetRows(database)
        #expect(open.count == 1, "\(open)")
        let during = try #require(open.first)
        #expect(during.isOpen)
        #expect(during.client == "127.0.0.1" && during.clientPort > 0)
        #expect(during.bytesToServer > 0 && during.bytesToClient > 0)

        peers.waitUntilExit()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(peers.terminationStatus == 0, "the session script failed: \(problems)")
        sensor.waitUntilExit()
        #expect(sensor.terminationStatus == 0)

        let rows = try Self.telnetRows(database)
        #expect(rows.count == 1, "\(rows)")
        let ended = try #require(rows.first)
        #expect(ended.start == during.start && ended.clientPort == during.clientPort)
        #expect(ended.endReason == "closed")
        // 14 rounds of 100 bytes each way, in frames with their headers; more than half-way.
        #expect(ended.packetsToServer >= 14 && ended.packetsToClient >= 14)
        #expect(ended.bytesToServer >= 1_400 && ended.bytesToClient >= 1_400)
        #expect(ended.bytesToServer > during.bytesToServer && ended.end > during.end)
        #expect(Double(ended.end - ended.start) / 1e9 > 6)
    }
}
