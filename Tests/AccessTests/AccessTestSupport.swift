import Access
import AssetInventory
import CorpusTestSupport
import Foundation
import Monitor

/// The shared reference data (OUI, vendor ids) next to the corpus.
let referenceData: ReferenceData = {
    let folder = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path
    return (try? ReferenceData.load(explicit: folder)) ?? ReferenceData()
}()

func corpusCapture(_ relative: String) -> String { corpusRoot.appendingPathComponent(relative).path }

/// A capture kept next to another test target's sources (Tests/<Target>/Fixtures/<name>).
func fixtureCapture(_ target: String, _ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(target).appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpusCapture("peers/mixed.pcap")) }

/// Runs captures through the access analysis as `palisade access` does.
func analyzeAccess(_ paths: [String]) -> AccessData {
    CaptureAnalyzer(workers: 2).access(paths, reference: referenceData).data
}

/// The peers `mixed` capture, analysed once for all the suites that read it.
let mixedCapture: AccessData? = corpusAvailable ? analyzeAccess([corpusCapture("peers/mixed.pcap")]) : nil

enum PeerHosts {
    static let hmi = "10.77.1.20"
    static let plc1 = "10.77.2.10"
    static let plc2 = "10.77.2.20"
    static let plc3 = "10.77.2.30"
    static let rtu = "10.77.2.40"
    static let rogue = "10.77.9.66"
}
