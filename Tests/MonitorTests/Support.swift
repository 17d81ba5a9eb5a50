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
