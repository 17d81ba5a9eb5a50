import AssetInventory
import CorpusTestSupport
import Foundation
import Monitor

/// Reference data loaded once for all tests (from ../shared/data).
let reference: ReferenceData = {
    do { return try ReferenceData.load() } catch { fatalError("reference data: \(error)") }
}()

func inventory(of path: String, workers: Int = 1) -> Inventory {
    CaptureAnalyzer(workers: workers).inventory([path], reference: reference).inventory
}

func peerCapture(_ name: String) -> String { corpusRoot.appendingPathComponent("peers/\(name).pcap").path }

extension Inventory {
    func asset(ip: String) -> Asset? { assets.first { $0.ips.contains { $0.description == ip } } }
    func asset(mac: String) -> Asset? { assets.first { $0.macs.contains { $0.description == mac } } }
    func facts(_ asset: Asset, _ key: String) -> [String] {
        asset.facts.filter { $0.key.name == key }.map(\.value)
    }
}
