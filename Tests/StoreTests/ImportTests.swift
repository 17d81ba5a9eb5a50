import AssetInventory
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import SQLiteStore
import Sensor
import Storage
import Testing

@Suite("capture import into the store", .enabled(if: corpusAvailable, "shared corpus not found"))
struct ImportTests {
    /// The store after an import holds what `palisade inventory` and `decode` report for the
    /// same capture: the same assets with the same roles, the same map edges, and every notable
    /// event once.
    @Test(arguments: ["peers/mixed.pcap", "peers/s7-attack.pcap", "peers/enip-attack.pcap"])
    func importHoldsTheInventoryEdgesAndNotableEvents(_ capture: String) throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = corpusCapture(capture)
        try importCaptures([path], into: store)

        let (inventory, _) = CaptureAnalyzer(workers: 2).inventory([path], reference: referenceData)
        let stored = try store.assets()
        #expect(Set(stored.map(\.id)) == Set(inventory.assets.map(\.id)))
        for asset in inventory.assets {
            let row = try #require(stored.first { $0.id == asset.id })
            #expect(row.role == asset.role.rawValue, "\(asset.id)")
            #expect(row.purdueLevel == asset.purdueLevel, "\(asset.id)")
            #expect(row.json == InventoryFormatter.json(asset), "\(asset.id)")
        }
        let edges = try store.communicationEdges()
        #expect(edges.count == inventory.map.edges.count)
        for edge in inventory.map.edges {
            let row = try #require(
                edges.first {
                    $0.client == edge.client && $0.server == edge.server && $0.protocolName == edge.protocolName
                        && $0.serverPort == edge.serverPort && $0.transport == edge.transport
                }, "\(edge.client) → \(edge.server) \(edge.protocolName)")
            #expect(row.packets == edge.packets && row.bytes == edge.bytes && row.flows == edge.flows)
        }

        // Notable, by the definition in docs/events.md: it changes or probes a device, reports an
        // identity, is anomalous, or was refused (an exception response).
        let dangerous: Set<String> = ["write", "control", "program", "firmware", "diagnostic", "discovery"]
        let notable = CaptureAnalyzer(workers: 1).collectEvents([path]).events.filter { record in
            dangerous.contains(record.operation) || record.anomaly != nil || !record.identity.isEmpty
                || !record.relatedIdentity.isEmpty || record.resultStatus == .error
        }
        var query = EventQuery()
        query.limit = 100_000
        let events = try store.events(query)
        #expect(events.count == notable.count)
        #expect(Set(events.map(\.json)) == Set(notable.map(\.jsonLine)))
        #expect(events.allSatisfy { $0.sourceID != nil && $0.frame > 0 })
    }

    @Test func reimportIsSkippedAndForceReplacesWithoutDuplicates() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = corpusCapture("peers/modbus-attack.pcap")
        let first = try importCaptures([path], into: store)
        guard case .imported = first[0] else {
            Issue.record("first import: \(first)")
            return
        }
        let before = try StoreContents(store)
        let eventCount = try store.eventCount()
        #expect(eventCount > 0)

        // The same content under another name is recognised by its hash.
        let copy = folder.appendingPathComponent("copy.pcap").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let again = try importCaptures([copy], into: store)
        guard case .alreadyImported(_, let source) = again[0] else {
            Issue.record("second: \(again)")
            return
        }
        #expect(source.name == path)
        #expect(try store.eventCount() == eventCount)

        let forced = try importCaptures([copy], into: store, force: true)
        guard case .imported = forced[0] else {
            Issue.record("forced: \(forced)")
            return
        }
        #expect(try StoreContents(store) == before)
        #expect(try store.eventCount() == eventCount)
        #expect(try store.sources().count == 1)
        #expect(try store.sources()[0].state == .complete)
    }

    /// Imports record the BLAKE2b-512 of the file (what `b2sum` prints); a capture recorded with
    /// SHA-256 by a store from before is still recognised when imported again.
    @Test func contentHashIsBLAKE2bAndOlderSHA256IsRecognised() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = corpusCapture("peers/modbus-attack.pcap")
        try importCaptures([path], into: store)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let source = try #require(try store.sources().first)
        #expect(source.contentHash == MessageDigest.hex(.blake2b512, of: bytes))
        #expect(source.contentHash?.utf8.count == 128)

        try store.completeCapture(source.id, contentHash: MessageDigest.hex(.sha256, of: bytes))
        let copy = folder.appendingPathComponent("copy.pcap").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let again = try importCaptures([copy], into: store)
        guard case .alreadyImported(_, let existing) = again[0] else {
            Issue.record("an import recorded with SHA-256 was not recognised: \(again)")
            return
        }
        #expect(existing.id == source.id)
    }

    /// Two captures with the same size, start and end but different middles: the cheap probe
    /// matches, the full hash does not, so the second is imported.
    @Test func sameEndsDifferentMiddleIsImported() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first.pcap").path
        try writeRepeatedCapture(corpusCapture("peers/modbus-attack.pcap"), copies: 150, shift: 60, to: first)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))
        #expect(bytes.count > 3 << 20, "the capture must be longer than the two probed MiB")
        // A byte inside a packet's payload in the middle (headers stay valid).
        let middle = bytes.count / 2
        bytes[middle] ^= 0xFF
        let second = folder.appendingPathComponent("second.pcap").path
        try Data(bytes).write(to: URL(fileURLWithPath: second))
        let outcomes = try importCaptures([first, second], into: store)
        guard case .imported = outcomes[0], case .imported = outcomes[1] else {
            Issue.record("\(outcomes)")
            return
        }
        let sources = try store.sources()
        #expect(sources.count == 2 && sources.allSatisfy { $0.state == .complete })
        #expect(Set(sources.compactMap(\.contentHash)).count == 2)
    }

    /// A second writer on the same store (a restart) continues the inventory: importing two
    /// captures one after the other gives what importing both at once gives.
    @Test func restartContinuesTheSameInventory() throws {
        let a = corpusCapture("peers/modbus-attack.pcap")
        let b = corpusCapture("peers/s7-attack.pcap")
        let (together, folder1) = try makeStore("together")
        defer { try? FileManager.default.removeItem(at: folder1) }
        try importCaptures([a, b], into: together)
        let (separately, folder2) = try makeStore("separately")
        defer { try? FileManager.default.removeItem(at: folder2) }
        try importCaptures([a], into: separately)
        let reopened = try SQLiteStore(path: separately.path)
        try importCaptures([b], into: reopened)
        #expect(try StoreContents(reopened) == StoreContents(together))
        let collector1 = InventoryCollector()
        try together.loadObservations(into: collector1)
        let collector2 = InventoryCollector()
        try reopened.loadObservations(into: collector2)
        #expect(collector1.endpoints.count == collector2.endpoints.count)
        for (key, value) in collector1.endpoints {
            #expect(collector2.endpoints[key]?.packetsSent == value.packetsSent, "\(key)")
        }
    }

    /// Interim flow reports (checkpoints) carry only what is new: the stored totals per address
    /// pair and protocol are the same with reports every second as with none. (Which side is the
    /// client may differ: a flow reported in parts is oriented by its first part.)
    @Test func checkpointsDoNotCountTwice() throws {
        let path = corpusCapture("peers/mixed.pcap")
        struct Totals: Equatable {
            var flows: UInt64 = 0
            var packets: UInt64 = 0
            var bytes: UInt64 = 0
            var events: UInt64 = 0
        }
        var runs: [[String: Totals]] = []
        var endpointRuns: [[EndpointKey: UInt64]] = []
        for interval in [Int64(0), 1_000_000_000] {
            let (store, folder) = try makeStore()
            defer { try? FileManager.default.removeItem(at: folder) }
            let writer = try StoreWriter(store: store, reference: referenceData)
            let importer = CaptureImporter(writer: writer, workers: 2)
            importer.checkpointInterval = interval
            _ = try importer.importCapture(path)
            let collector = InventoryCollector()
            try store.loadObservations(into: collector)
            var totals: [String: Totals] = [:]
            for (key, edge) in collector.edges {
                let pair = [key.client, key.server].map { "\($0.mac)/\($0.ip)" }.sorted().joined(separator: "-")
                let name = "\(pair) \(key.protocolID) \(key.transport)"
                totals[name, default: Totals()].flows += edge.flows
                totals[name, default: Totals()].packets += edge.packetsToServer + edge.packetsToClient
                totals[name, default: Totals()].bytes += edge.bytesToServer + edge.bytesToClient
                totals[name, default: Totals()].events += UInt64(
                    EventModel.Operation.allCases.reduce(0) { $0 + edge.operations[$1] })
            }
            runs.append(totals)
            endpointRuns.append(collector.endpoints.mapValues { $0.packetsSent + $0.packetsReceived })
        }
        #expect(runs[0] == runs[1])
        #expect(endpointRuns[0] == endpointRuns[1])
        #expect(runs[0].values.allSatisfy { $0.flows > 0 || $0.packets > 0 })
    }

    @Test func aggregatedCountsCoverTheEventsPerMinute() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = corpusCapture("peers/mixed.pcap")
        try importCaptures([path], into: store)
        let counts = try store.eventCounts(since: nil)
        // mixed.pcap spans two clock minutes: both buckets are there.
        #expect(Set(counts.map(\.bucket)).count == 2)
        let records = CaptureAnalyzer(workers: 1).collectEvents([path]).events
        // Every event a flow carried is counted once, by its protocol, operation and function.
        var expected: [String: UInt64] = [:]
        for record in records where record.sourcePort != nil {
            expected["\(record.protocolName)/\(record.operation)/\(record.function ?? -1)", default: 0] += 1
        }
        var stored: [String: UInt64] = [:]
        for count in counts {
            stored["\(count.protocolName)/\(count.operation)/\(count.function)", default: 0] += count.count
        }
        #expect(stored == expected)
        #expect(counts.contains { $0.protocolName == "modbus" && $0.operation == "write" && $0.count > 0 })
    }
}
