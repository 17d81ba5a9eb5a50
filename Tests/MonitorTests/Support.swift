import Foundation
import Monitor
import PacketLayers
import Testing

/// Paths used by the monitor tests, all relative to this file (no absolute paths).
enum Paths {
    /// `<repo>/Tests/MonitorTests`.
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root: two levels above this file's folder.
    static let repo = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = repo.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let flowFixtures = repo.appendingPathComponent("Tests/Fixtures/flows")
    static let fuzz = repo.appendingPathComponent("fuzz")

    static func corpusFile(_ relative: String) -> String { corpus.appendingPathComponent(relative).path }

    static var corpusAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
    }
}

/// The corpus manifest: packet counts per capture, keyed by path relative to the corpus folder.
enum Manifest {
    static let packets: [String: UInt64] = {
        guard let text = try? String(contentsOf: Paths.corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        else { return [:] }
        var result: [String: UInt64] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, let packets = UInt64(fields[2]) else { continue }
            var file = String(fields[0])
            if file.hasPrefix("corpus/") { file.removeFirst("corpus/".count) }
            result[file] = packets
        }
        return result
    }()
}

/// A comparable, printable view of one flow summary.
struct FlowLine: Hashable, Comparable, CustomStringConvertible {
    var transport: UInt8
    var client: String
    var clientPort: UInt16
    var server: String
    var serverPort: UInt16
    var vlan: UInt32
    var firstFrame: UInt64
    var packets: UInt64
    var bytes: UInt64
    var packetsFromClient: UInt64
    var application: String
    var reason: String

    init(_ flow: FlowSummary) {
        let entry = flow.entry
        transport = entry.key.ipProtocol
        client = entry.client.address.description
        clientPort = entry.client.port
        server = entry.server.address.description
        serverPort = entry.server.port
        vlan = entry.key.vlan
        firstFrame = entry.firstFrame
        packets = entry.packets
        bytes = entry.bytes
        packetsFromClient = entry.initiatorIsA ? entry.packetsFromA : entry.packetsFromB
        application = flow.application.name
        reason = flow.reason.rawValue
    }

    var description: String {
        "\(firstFrame) \(transport) \(client):\(clientPort) -> \(server):\(serverPort) vlan \(vlan) \(application) "
            + "\(packets)p/\(bytes)B (\(packetsFromClient) from client) \(reason)"
    }

    static func < (lhs: FlowLine, rhs: FlowLine) -> Bool { lhs.description < rhs.description }
}

/// Runs the analyzer with flow records on.
func analyze(_ paths: [String], workers: Int = 1) -> CaptureAnalyzer.Result {
    var configuration = MonitorConfiguration()
    configuration.collectFlows = true
    return CaptureAnalyzer(configuration: configuration, workers: workers).run(paths)
}

/// Finds an executable on PATH.
func findTool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` and collects its output.
func run(_ executable: String, _ arguments: [String]) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot block the child.
    let group = DispatchGroup()
    let stderrData = DataBox()
    group.enter()
    DispatchQueue.global().async {
        stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
        stderr: String(decoding: stderrData.data, as: UTF8.self))
}

/// Bytes handed from a reader thread to the waiting one (after `DispatchGroup.wait`).
final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A fresh temporary folder, removed by the caller.
func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
