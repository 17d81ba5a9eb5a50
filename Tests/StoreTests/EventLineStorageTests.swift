import EventModel
import Foundation
import GRDB
import Monitor
import PacketLayers
import Storage
import Testing

@testable import SQLiteStore

/// An event's JSON line is stored without the start its columns rebuild, and read back whole.
@Suite("Event lines in the store")
struct EventLineStorageTests {
    static func prefix(frame: UInt64, time: Int64, macs: Bool) -> String {
        var json = JSONWriter()
        EventFormatter.writeLinePrefix(
            frame: frame, timestamp: time, source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 50000,
            destinationPort: 502, sourceMAC: macs ? "00:1b:1b:00:00:01" : nil,
            destinationMAC: macs ? "00:1b:1b:00:00:02" : nil, into: &json)
        return json.output
    }

    static func event(frame: UInt64, time: Int64, macs: Bool, json: String) -> StoredEvent {
        StoredEvent(
            timestamp: time, frame: frame, protocolName: "modbus", operation: "write", function: 6,
            functionName: "Write Single Register", direction: "request", source: "10.0.0.1", destination: "10.0.0.2",
            sourceMAC: macs ? "00:1b:1b:00:00:01" : nil, destinationMAC: macs ? "00:1b:1b:00:00:02" : nil,
            sourcePort: 50000, destinationPort: 502, anomaly: nil, json: json)
    }

    @Test func linesLoseTheirColumnPrefixInStorageAndComeBackWhole() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let tail = #","protocol":"modbus","function":6,"direction":"request","operation":"write"}"#
        let withMACs = Self.prefix(frame: 7, time: 1_700_000_000_123_456_789, macs: true) + tail
        let withoutMACs = Self.prefix(frame: 8, time: 1_700_000_001_000_000_000, macs: false) + tail
        // Lines that do not start with what the columns give are kept whole: a different time, a
        // prefix followed by something other than a comma, and something else entirely.
        let otherTime = Self.prefix(frame: 9, time: 5, macs: false) + tail
        let noComma = Self.prefix(frame: 10, time: 1_700_000_003_000_000_000, macs: false) + "}"
        let other = #"{"other":1}"#
        var delta = StoreDelta()
        delta.events = [
            Self.event(frame: 7, time: 1_700_000_000_123_456_789, macs: true, json: withMACs),
            Self.event(frame: 8, time: 1_700_000_001_000_000_000, macs: false, json: withoutMACs),
            Self.event(frame: 9, time: 1_700_000_002_000_000_000, macs: false, json: otherTime),
            Self.event(frame: 10, time: 1_700_000_003_000_000_000, macs: false, json: noComma),
            Self.event(frame: 11, time: 1_700_000_004_000_000_000, macs: false, json: other),
        ]
        try store.apply(delta, to: source)

        var query = EventQuery()
        query.limit = 10
        #expect(try store.events(query).map(\.json) == [withMACs, withoutMACs, otherTime, noComma, other])
        let stored = try store.read { db in try String.fetchAll(db, sql: "SELECT json FROM event ORDER BY time") }
        #expect(stored == [tail, tail, otherTime, noComma, other])
    }

    /// Packed rows (what the feeds fill) read back as the events they were made from: NULL
    /// columns, an empty column, the line's prefix dropped in storage only when the columns give
    /// it; trimming and appending rows keep each row's text with it.
    @Test func packedRowsStoreWhatStoredEventsStore() throws {
        let tail = #","protocol":"modbus","function":6,"direction":"request","operation":"write"}"#
        var events = [
            Self.event(frame: 7, time: 1_700_000_000_123_456_789, macs: true, json: ""),
            Self.event(frame: 8, time: 1_700_000_001_000_000_000, macs: false, json: ""),
            Self.event(frame: 9, time: 1_700_000_002_000_000_000, macs: false, json: #"{"other":1}"#),
        ]
        events[0].json = Self.prefix(frame: 7, time: 1_700_000_000_123_456_789, macs: true) + tail
        events[1].json = Self.prefix(frame: 8, time: 1_700_000_001_000_000_000, macs: false) + tail
        events[1].anomaly = "truncated"
        events[2].functionName = ""
        func rows(_ events: [StoredEvent]) -> EventRows {
            var rows = EventRows()
            for event in events {
                let prefix =
                    event.json.hasPrefix("{\"schema\"")
                    ? Self.prefix(frame: event.frame, time: event.timestamp, macs: event.sourceMAC != nil).utf8.count
                    : 0
                rows.append(event, linePrefixLength: prefix)
            }
            return rows
        }
        var packed = rows([events[2], events[0]])
        packed.removeLast(1)
        packed.append(contentsOf: rows([events[0], events[1]]))
        #expect(packed.count == 3)
        #expect((0..<3).map { packed.storedEvent(at: $0) } == [events[2], events[0], events[1]])

        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        var delta = StoreDelta()
        delta.eventRows = packed
        try store.apply(delta, to: source)
        var query = EventQuery()
        query.limit = 10
        let stored = try store.events(query).map { event -> StoredEvent in
            var event = event
            event.id = nil
            event.sourceID = nil
            return event
        }
        #expect(stored == [events[0], events[1], events[2]])
        let columns = try store.read { db in try String.fetchAll(db, sql: "SELECT json FROM event ORDER BY time") }
        #expect(columns == [tail, tail, #"{"other":1}"#])
    }

    /// Rows written whole (as every store did before) read back unchanged.
    @Test func wholeLinesFromOlderStoresReadBackUnchanged() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let line = Self.prefix(frame: 3, time: 42, macs: false) + #","protocol":"modbus"}"#
        var delta = StoreDelta()
        delta.events = [Self.event(frame: 3, time: 42, macs: false, json: line)]
        try store.apply(delta, to: source)
        try store.write { db in try db.execute(sql: "UPDATE event SET json = ?", arguments: [line]) }
        #expect(try store.events(EventQuery()).map(\.json) == [line])
    }

    /// An empty line is bound as an empty string (not NULL, and without reading through a null
    /// pointer) and read back empty.
    @Test func anEmptyLineIsKeptEmpty() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        var delta = StoreDelta()
        delta.events = [Self.event(frame: 1, time: 1, macs: false, json: "")]
        try store.apply(delta, to: source)
        #expect(try store.events(EventQuery()).map(\.json) == [""])
    }

    /// The event formatter's own lines start with the prefix the store rebuilds: if the two ever
    /// part, every line would be stored whole again, silently.
    @Test func formattedLinesStartWithTheRebuiltPrefix() throws {
        var event = ProtocolEvent()
        event.frame = 42
        event.timestamp = 1_767_225_602_491_522_000
        event.source = IPAddress(ipv4: 0x0A08_7AF0)
        event.destination = IPAddress(ipv4: 0x0A08_7AF3)
        event.hasPorts = true
        event.sourcePort = 49226
        event.destinationPort = 502
        event.hasMACs = true
        event.sourceMAC = MACAddress(rawValue: 0x0000_0022_BA4D)
        event.destinationMAC = MACAddress(rawValue: 0x0000_0022_BA4E)
        event.protocolID = .modbus
        event.function = 5
        event.operation = .write
        let batch = EventBatch()
        let line = EventFormatter.jsonLine(event, in: batch)
        var prefix = JSONWriter()
        EventFormatter.writeLinePrefix(
            frame: event.frame, timestamp: event.timestamp, source: event.source.description,
            destination: event.destination.description, sourcePort: event.sourcePort,
            destinationPort: event.destinationPort, sourceMAC: event.sourceMAC.description,
            destinationMAC: event.destinationMAC.description, into: &prefix)
        #expect(line.hasPrefix(prefix.output + ","), "\(line)")

        // A layer-2 event: its addresses are MAC addresses and it has no ports.
        event.isLayer2 = true
        event.hasPorts = false
        event.protocolID = .profinetDCP
        let layer2 = EventFormatter.jsonLine(event, in: batch)
        prefix.removeAll()
        EventFormatter.writeLinePrefix(
            frame: event.frame, timestamp: event.timestamp, source: event.sourceMAC.description,
            destination: event.destinationMAC.description, sourcePort: nil, destinationPort: nil,
            sourceMAC: event.sourceMAC.description, destinationMAC: event.destinationMAC.description, into: &prefix)
        #expect(layer2.hasPrefix(prefix.output + ","), "\(layer2)")
    }
}
