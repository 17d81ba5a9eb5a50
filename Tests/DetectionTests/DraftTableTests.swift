import PacketLayers
import Testing

@testable import Detection

/// The correlator's and collectors' table of drafts: slots found by key, merged across workers,
/// and compacted when rate windows pass (the live sensor's bounded table).
@Suite struct DraftTableTests {
    static func key(_ host: UInt32, bucket: Int64 = 0) -> DraftKey {
        DraftKey(
            rule: 1, source: .ip(IPAddress(ipv4: 0x0A00_0000 | host)), destination: nil, detail: 0, bucket: bucket)
    }

    static func draft(count: UInt64, time: Int64) -> Draft {
        var draft = Draft(
            firstTime: time, lastTime: time, severity: .medium,
            occurrence: Occurrence(
                source: "10.0.0.1", destination: "10.0.0.2", protocolName: "modbus", functionName: "Write",
                function: 6, target: ""))
        draft.count = count
        return draft
    }

    @Test func slotsFollowKeysAndDraftsChangeInPlace() {
        var table = DraftTable()
        #expect(table.isEmpty && table.slot(of: Self.key(1)) == nil)
        let first = table.append(Self.draft(count: 1, time: 10), for: Self.key(1))
        let second = table.append(Self.draft(count: 5, time: 20), for: Self.key(2))
        #expect(first == 0 && second == 1 && table.count == 2)
        #expect(table.slot(of: Self.key(2)) == 1 && table.keys == [Self.key(1), Self.key(2)])
        table.update(first) { $0.count += 2 }
        #expect(table.withDrafts { $0[first].count } == 3)
    }

    @Test func mergingAddsCountsOfSharedKeysAndAppendsTheRest() {
        var table = DraftTable()
        _ = table.append(Self.draft(count: 1, time: 10), for: Self.key(1))
        _ = table.append(Self.draft(count: 2, time: 20), for: Self.key(2))
        var other = DraftTable()
        _ = other.append(Self.draft(count: 4, time: 5), for: Self.key(2))
        _ = other.append(Self.draft(count: 8, time: 30), for: Self.key(3))
        table.merge(other)
        #expect(table.keys == [Self.key(1), Self.key(2), Self.key(3)])
        #expect(table.withDrafts { $0.map(\.count) } == [1, 6, 8])
        #expect(table.withDrafts { $0[1].firstTime } == 5)
        // Into an empty table, the other is taken as it is.
        var empty = DraftTable()
        empty.merge(table)
        #expect(empty.keys == table.keys && empty.slot(of: Self.key(3)) == 2)
    }

    @Test func removingKeepsOrderAndFindsTheRemainingByKey() {
        var table = DraftTable()
        for host in 0..<10 {
            _ = table.append(Self.draft(count: UInt64(host), time: Int64(host)), for: Self.key(UInt32(host)))
        }
        table.removeAll { _, draft in draft.count % 3 == 0 }
        #expect(table.keys == [1, 2, 4, 5, 7, 8].map { Self.key($0) })
        #expect(table.withDrafts { $0.map(\.count) } == [1, 2, 4, 5, 7, 8])
        for host in 0..<10 {
            let slot = table.slot(of: Self.key(UInt32(host)))
            if host % 3 == 0 {
                #expect(slot == nil)
            } else {
                #expect(slot.map { table.keys[$0] } == Self.key(UInt32(host)))
            }
        }
        // Nothing removed: nothing changes.
        table.removeAll { _, _ in false }
        #expect(table.count == 6 && table.slot(of: Self.key(8)) == 5)
    }
}
