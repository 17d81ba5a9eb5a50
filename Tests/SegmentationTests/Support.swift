import AssetInventory
import CorpusTestSupport
import Detection
import EventModel
import Foundation
import Monitor
import PacketCapture
import PacketLayers
import Segmentation

let reference: ReferenceData = {
    do { return try ReferenceData.load() } catch { fatalError("reference data: \(error)") }
}()

let mixedCapture = corpusRoot.appendingPathComponent("peers/mixed.pcap").path
let rogue = IPAddress("10.77.9.66")!

/// The zones of `../shared/peers/README.md`'s subnets.
let readmeZonesYAML = """
    zones:
      - name: supervisory
        cidrs: [10.77.1.0/24]
        purdue_level: 2
      - name: control
        cidrs: [10.77.2.0/24]
        purdue_level: 1
      - name: operations
        cidrs: [10.77.3.0/24]
        purdue_level: 2
      - name: rogue-segment
        cidrs: [10.77.9.0/24]
        purdue_level: 2
    """

func readmeZones() throws -> ZonePolicy { try ZonePolicyReader.parse(readmeZonesYAML, file: "readme-zones.yaml") }

/// The first packet time of a capture.
func captureStart(_ path: String) throws -> Int64 {
    let reader = try CaptureFileReader(path: path)
    var first = Int64.max
    while let record = reader.nextPacket() { first = min(first, record.timestamp) }
    return first
}

/// The baseline of the normal part of `mixed` (the rogue starts at about t=15 s).
func mixedNormalBaseline() throws -> Baseline {
    let until = try captureStart(mixedCapture) + 14_000_000_000
    return CaptureAnalyzer(workers: 2).learnBaseline([mixedCapture], reference: reference, until: until).baseline
}

/// Keeps every flow a worker ends (first reports only).
final class FlowRecorder: PacketPathObserver {
    var flows: [FlowSummary] = []
    func observe(_ batch: EventBatch) {}
    func flowEnded(_ flow: FlowSummary) { if !flow.isContinuation { flows.append(flow) } }
}

func flows(of path: String) -> [FlowSummary] {
    let recorders = [FlowRecorder(), FlowRecorder()]
    _ = CaptureAnalyzer(workers: 2).run([path], observers: recorders)
    return recorders.flatMap(\.flows)
}

/// Client and server of a flow alert's evidence (`tcp 10.77.9.66:40000 → 10.77.2.10:502`).
func endpoints(ofFlowEvidence text: String) -> (client: String, server: String)? {
    let parts = text.split(separator: " ")
    guard parts.count == 4 else { return nil }
    func address(_ part: Substring) -> String { String(part[..<(part.lastIndex(of: ":") ?? part.endIndex)]) }
    return (address(parts[1]), address(parts[3]))
}

func temporaryFolder(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-seg-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

extension Alert {
    /// The segmentation alerts' pairs, from their flow evidence.
    var evidencePairs: [String] {
        evidence.compactMap { endpoints(ofFlowEvidence: $0.flow) }.map { "\($0.client)→\($0.server)" }
    }
}
