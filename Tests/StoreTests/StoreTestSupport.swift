import AssetInventory
import CorpusTestSupport
import Foundation
import Monitor
import SQLiteStore
import Sensor
import Storage

/// The shared reference data (OUI, vendor ids) next to the corpus.
let referenceData: ReferenceData = {
    let folder = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path
    return (try? ReferenceData.load(explicit: folder)) ?? ReferenceData()
}()

func corpusCapture(_ relative: String) -> String { corpusRoot.appendingPathComponent(relative).path }

var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpusCapture("peers/mixed.pcap")) }

/// A new store in a fresh folder; the folder is removed by the caller.
func makeStore(_ name: String = "store") throws -> (store: SQLiteStore, folder: URL) {
    let folder = try makeTemporaryFolder("palisade-\(name)")
    return (try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path), folder)
}

/// Imports `paths` into `store` through the library (as `palisade import` does).
@discardableResult
func importCaptures(_ paths: [String], into store: SQLiteStore, force: Bool = false, workers: Int = 2) throws
    -> [CaptureImporter.Outcome]
{
    let writer = try StoreWriter(store: store, reference: referenceData)
    let importer = CaptureImporter(writer: writer, workers: workers)
    return try paths.map { try importer.importCapture($0, force: force) }
}

/// What makes two stores hold the same inventory, leaving out times and counters that depend
/// on when capture started: asset ids with role, edges by endpoints/protocol/port, and notable
/// events by what happened between whom.
struct StoreContents: Equatable {
    var assets: [String: String]
    var edges: Set<String>
    var events: [String: Int]

    init(_ store: SQLiteStore) throws {
        assets = Dictionary(uniqueKeysWithValues: try store.assets().map { ($0.id, $0.role) })
        edges = Set(
            try store.communicationEdges().map {
                "\($0.client)→\($0.server) \($0.protocolName)/\($0.transport)/\($0.serverPort)"
            })
        var query = EventQuery()
        query.limit = 1_000_000
        var events: [String: Int] = [:]
        for event in try store.events(query) { events[event.structuralKey, default: 0] += 1 }
        self.events = events
    }
}
