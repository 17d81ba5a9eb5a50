import AssetInventory
import Detection
import Foundation
import Monitor
import PacketCapture
import PacketCrafting

/// The first and last packet times of a capture.
func captureSpan(_ path: String) throws -> (first: Int64, last: Int64) {
    let reader = try CaptureFileReader(path: path)
    var first = Int64.max
    var last = Int64.min
    while let record = reader.nextPacket() {
        first = min(first, record.timestamp)
        last = max(last, record.timestamp)
    }
    return (first, last)
}

/// Writes the packets of `path` after `time` to a new pcap in a temporary folder.
func captureAfter(_ path: String, time: Int64, name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-baseline-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = folder.appendingPathComponent(name).path
    let writer = try PcapWriter(path: output)
    let reader = try CaptureFileReader(path: path)
    while let record = reader.nextPacket() {
        guard record.timestamp > time else { continue }
        let bytes = Array(UnsafeRawBufferPointer(start: record.bytes.base, count: record.bytes.count))
        try writer.write(TimedFrame(time: record.timestamp / 1000, bytes: bytes))
    }
    try writer.close()
    return output
}

/// A baseline learned from `paths` (up to `until`).
func learn(_ paths: [String], until: Int64? = nil, workers: Int = 2) -> Baseline {
    CaptureAnalyzer(workers: workers).learnBaseline(paths, reference: reference, until: until).baseline
}

/// Rule alerts and anomalies of `paths` against `baseline`.
func detect(_ paths: [String], against baseline: Baseline, workers: Int = 2) -> [Alert] {
    CaptureAnalyzer(workers: workers).detect(paths, rules: .builtIn, reference: reference, baseline: baseline).alerts
}

/// One worker that keeps every event (what a learner needs), for tests driving observers directly.
enum CaptureAnalyzerWithAllEvents {
    static func make() -> CaptureAnalyzer {
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        return CaptureAnalyzer(configuration: configuration, workers: 1)
    }
}
