import AssetInventory
import CorpusTestSupport
import Detection
import Foundation
import Monitor

/// Reference data loaded once for all tests (from ../shared/data).
let reference: ReferenceData = {
    do { return try ReferenceData.load() } catch { fatalError("reference data: \(error)") }
}()

func corpusCapture(_ relative: String) -> String { corpusRoot.appendingPathComponent(relative).path }
func peerCapture(_ name: String) -> String { corpusCapture("peers/\(name).pcap") }

/// Alerts of the built-in rules (or `rules`) over `paths`.
func detect(
    _ paths: [String], rules: RuleSet = .builtIn, baseline: (any BaselinePolicy)? = nil, workers: Int = 2
) -> [Alert] {
    CaptureAnalyzer(workers: workers).detect(paths, rules: rules, reference: reference, baseline: baseline).alerts
}

extension Array where Element == Alert {
    func fired(_ rule: String) -> [Alert] { filter { $0.rule == rule } }
}
