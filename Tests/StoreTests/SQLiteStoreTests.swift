import AssetInventory
import CorpusTestSupport
import EventModel
import Foundation
import PacketLayers
import SQLiteStore
import Sensor
import Storage
import Testing

@Suite("the embedded SQLite store")
struct SQLiteStoreTests {
    static let plc = EndpointKey(mac: MACAddress("00:1b:1b:01:02:03")!, ip: IPAddress("10.1.2.3")!)
    static let hmi = EndpointKey(mac: MACAddress("00:d0:c9:01:02:04")!, ip: IPAddress("10.1.2.4")!)
    static let s7 = ApplicationProtocol.all.first { $0.name == "s7comm" }!

    static func firmwareDelta(_ value: String, from first: Int64, to last: Int64) -> StoreDelta {
        var delta = StoreDelta()
        var endpoint = EndpointObservation()
        endpoint.firstSeen = first
        endpoint.lastSeen = last
        endpoint.packetsSent = 10
        endpoint.serverProtocols.insert(s7.id)
        delta.endpoints[plc] = endpoint
        var client = EndpointObservation()
        client.firstSeen = first
        client.lastSeen = last
        client.packetsSent = 10
        client.clientProtocols.insert(s7.id)
        delta.endpoints[hmi] = client
        var edge = EdgeObservation()
        edge.flows = 1
        edge.packetsToServer = 10
        edge.packetsToClient = 10
        edge.firstSeen = first
        edge.lastSeen = last
        edge.firstFrame = 1
        edge.operations.add(.read, fromClient: true, isRequest: true)
        delta.edges[EdgeKey(client: hmi, server: plc, protocolID: s7.id, serverPort: 102, transport: 6)] = edge
        let key = FactKey(subject: plc, key: .firmware, value: value, protocolID: s7.id, selfReported: true)
        delta.facts[key] = FactObservation(firstSeen: first, lastSeen: last, firstFrame: 1, lastFrame: 2, count: 2)
        return delta
    }

    /// A firmware update is a fact change with both values and their times; values reported side
    /// by side are not.
    @Test func firmwareChangeIsRecordedWithBothValuesAndTimes() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let writer = try StoreWriter(store: store, reference: referenceData)
        let minute: Int64 = 60 * 1_000_000_000
        try writer.write(Self.firmwareDelta("V3.2.6", from: 1 * minute, to: 5 * minute), to: source)
        try writer.rebuildInventory()
        #expect(try store.factChanges(ofAsset: nil).isEmpty)
        // Reflashed: the new version appears after the restart.
        try writer.write(Self.firmwareDelta("V3.3.0", from: 9 * minute, to: 12 * minute), to: source)
        try writer.rebuildInventory()
        let changes = try store.factChanges(ofAsset: "mac:00:1b:1b:01:02:03")
        #expect(
            changes == [
                FactChange(
                    assetID: "mac:00:1b:1b:01:02:03", key: "firmware", oldValue: "V3.2.6", newValue: "V3.3.0",
                    oldLastSeen: 5 * minute, newFirstSeen: 9 * minute)
            ])
        #expect(writer.lastFactChanges == changes)
        // Saving again records nothing new.
        try writer.rebuildInventory(force: true)
        #expect(try store.factChanges(ofAsset: nil).count == 1)
        let history = try store.facts(ofAsset: "mac:00:1b:1b:01:02:03").filter { $0.key == "firmware" }
        #expect(history.map(\.value) == ["V3.2.6", "V3.3.0"])
        #expect(history.map(\.firstSeen) == [1 * minute, 9 * minute])

        // A value seen while the other one still was (two modules, two CPUs) is not a change,
        try writer.write(Self.firmwareDelta("V3.2.9", from: 10 * minute, to: 11 * minute), to: source)
        // nor is a second rendering of the same fact a moment after the first.
        try writer.write(
            Self.firmwareDelta("V3.3", from: 12 * minute + 1_000_000, to: 12 * minute + 2_000_000), to: source)
        try writer.rebuildInventory()
        #expect(try store.factChanges(ofAsset: nil).count == 1)
    }

    @Test func observationsAddUpAcrossDeltasAndReopen() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        #expect(try store.sensorSource(interface: "eth1") == source)
        try store.apply(Self.firmwareDelta("V1", from: 100, to: 200), to: source)
        try store.apply(Self.firmwareDelta("V1", from: 50, to: 300), to: source)
        let reopened = try SQLiteStore(path: store.path)
        let collector = InventoryCollector()
        try reopened.loadObservations(into: collector)
        let plc = try #require(collector.endpoints[Self.plc])
        #expect(plc.packetsSent == 20 && plc.firstSeen == 50 && plc.lastSeen == 300)
        #expect(plc.serverProtocols.contains(Self.s7.id))
        let edge = try #require(collector.edges.values.first)
        #expect(edge.flows == 2 && edge.packetsToServer == 20)
        #expect(edge.operations.byClient(.read) == 2 && edge.operations.requestsByClient == 2)
        let fact = try #require(collector.facts.first { $0.key.value == "V1" })
        #expect(fact.value.count == 4 && fact.value.firstSeen == 50 && fact.value.lastSeen == 300)
    }

    static func event(at time: Int64, json: String = "{}") -> StoredEvent {
        StoredEvent(
            timestamp: time, frame: 1, protocolName: "modbus", operation: "write", function: 6,
            functionName: "write_single_register", direction: "request", source: "10.0.0.1",
            destination: "10.0.0.2", sourceMAC: nil, destinationMAC: nil, sourcePort: 50000, destinationPort: 502,
            anomaly: nil, json: json)
    }

    @Test func retentionByAgeAndBySize() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let day: Int64 = 86_400 * 1_000_000_000
        let now: Int64 = 100 * day
        var delta = StoreDelta()
        delta.events = (0..<10).map { Self.event(at: now - Int64($0) * day) }
        try store.apply(delta, to: source)
        let report = try store.applyRetention(RetentionPolicy(maximumAge: 5 * day), now: now)
        // Older than five days: days 6 to 9 (day 5 is exactly at the limit and stays).
        #expect(report.eventsDeleted == 4)
        #expect(try store.eventCount() == 6)

        // By size: the oldest events go until the data fits.
        var big = StoreDelta()
        let padding = String(repeating: "x", count: 1000)
        big.events = (0..<20_000).map { Self.event(at: now + Int64($0), json: "{\"p\":\"\(padding)\"}") }
        try store.apply(big, to: source)
        let sized = try store.applyRetention(RetentionPolicy(maximumBytes: 4 << 20), now: now)
        #expect(sized.eventsDeleted > 0)
        let remaining = try store.eventCount()
        #expect(remaining > 0 && remaining < 20_006)
        var query = EventQuery()
        query.limit = 1
        // What remains is the newest.
        #expect(try store.events(query).first.map { $0.timestamp >= now } == true)
    }

    @Test func eventQueriesFilter() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        var delta = StoreDelta()
        delta.events = [Self.event(at: 10), Self.event(at: 20)]
        delta.events[1].protocolName = "s7comm"
        delta.events[1].operation = "control"
        try store.apply(delta, to: source)
        var query = EventQuery()
        query.protocolName = "s7comm"
        #expect(try store.events(query).map(\.timestamp) == [20])
        query = EventQuery()
        query.operations = ["write"]
        query.since = 5
        #expect(try store.events(query).map(\.timestamp) == [10])
        query = EventQuery()
        query.address = "10.0.0.2"
        query.offset = 1
        #expect(try store.events(query).map(\.timestamp) == [20])
        let summary = try store.summary()
        #expect(summary.events == 2 && summary.eventsByOperation == ["write": 1, "control": 1])
    }

    /// A file that is not a store is refused with a clear error and left untouched.
    @Test func corruptFileIsRefusedAndUntouched() throws {
        let folder = try makeTemporaryFolder("palisade-corrupt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("palisade.db").path
        let garbage = Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            guard case .corrupt = error as? StoreError else { return false }
            return "\(error)".contains("not a Palisade store or damaged")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)

        // A store whose pages were damaged after it was written: opening or reading says so.
        let (store, storeFolder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: storeFolder) }
        let source = try store.sensorSource(interface: "eth1")
        var delta = StoreDelta()
        delta.events = (0..<2000).map { Self.event(at: Int64($0)) }
        try store.apply(delta, to: source)
        _ = try store.applyRetention(RetentionPolicy(), now: 0)  // checkpoints nothing; keeps the WAL
        let damagedPath = storeFolder.appendingPathComponent("damaged.db").path
        try store.backup(to: damagedPath)
        let handle = try #require(FileHandle(forUpdatingAtPath: damagedPath))
        try handle.seek(toOffset: 8192)
        handle.write(Data(repeating: 0xA5, count: 16_384))
        try handle.close()
        var failure: StoreError?
        do throws(StoreError) {
            let damaged = try SQLiteStore(path: damagedPath)
            _ = try damaged.events(EventQuery())
            _ = try damaged.summary()
        } catch {
            failure = error
        }
        #expect(failure.map { "\($0)".contains(damagedPath) } == true, "\(String(describing: failure))")
    }

    @Test func newerSchemaIsRefused() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.recordFutureMigrationForTesting("v999")
        #expect {
            _ = try SQLiteStore(path: store.path)
        } throws: { error in
            guard case .newerSchema = error as? StoreError else { return false }
            return true
        }
    }

    @Test func readOnlyOpenOfAMissingStoreSaysSo() {
        #expect {
            _ = try SQLiteStore(path: "/nonexistent/palisade.db", readOnly: true)
        } throws: { error in "\(error)".contains("no store here") }
    }
}

@Suite("a full disk")
struct FullStoreTests {
    /// A write that does not fit fails as "disk full", keeps the batch for later, and leaves
    /// every earlier commit readable.
    @Test func fullStoreKeepsWhatWasCommitted() throws {
        let folder = try makeTemporaryFolder("palisade-full")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("palisade.db").path
        let store = try SQLiteStore(path: path, hardLimitBytes: 1 << 20)
        let source = try store.sensorSource(interface: "eth1")
        let writer = try StoreWriter(store: store, reference: referenceData)
        var small = StoreDelta()
        small.events = (0..<10).map { SQLiteStoreTests.event(at: Int64($0)) }
        try writer.write(small, to: source)
        var big = StoreDelta()
        let padding = String(repeating: "y", count: 2000)
        big.events = (0..<2000).map { SQLiteStoreTests.event(at: 1000 + Int64($0), json: "{\"p\":\"\(padding)\"}") }
        #expect {
            try writer.write(big, to: source)
        } throws: { error in
            guard case .full = error as? StoreError else { return false }
            return "\(error)".contains("disk full")
        }
        #expect(writer.hasBacklog)
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.eventCount() == 10)
    }
}
