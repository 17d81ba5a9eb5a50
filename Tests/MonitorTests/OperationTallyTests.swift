import EventModel
import Testing

/// The per-flow operation tally: its lanes, emptiness and merging.
@Suite struct OperationTallyTests {
    @Test func emptyOnlyWhileEveryLaneIsZero() {
        #expect(OperationTally().isEmpty)
        // Every lane on its own makes the tally non-empty (the check folds halves together).
        for lane in 0..<32 {
            var tally = OperationTally()
            tally.counts[lane] = 1
            #expect(!tally.isEmpty, "lane \(lane)")
            tally.counts[lane] = 0
            #expect(tally.isEmpty)
        }
        var large = OperationTally()
        large.counts[31] = .max
        large.counts[0] = 1  // a sum would wrap to zero; the fold does not
        #expect(!large.isEmpty)
    }

    @Test func addCountsBySideAndMergeAddsUp() {
        var client = OperationTally()
        client.add(.write, fromClient: true, isRequest: true)
        client.add(.write, fromClient: true)
        var server = OperationTally()
        server.add(.read, fromClient: false)
        #expect(client.byClient(.write) == 2)
        #expect(client.requestsByClient == 1)
        #expect(server.byServer(.read) == 1)
        client.merge(server)
        #expect(client[.write] == 2 && client[.read] == 1)
        #expect(client.swapped.byServer(.write) == 2)
        #expect(client.seen.contains(.write) && client.seen.contains(.read))
    }
}
