import Foundation
import GRDB
import Monitor
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
}
