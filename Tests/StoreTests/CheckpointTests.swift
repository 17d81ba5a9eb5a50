import CorpusTestSupport
import EventModel
import FlowTracking
import Foundation
import Monitor
import Testing

/// Counts what a worker reports.
final class ReportCounter: PacketPathObserver, @unchecked Sendable {
    var interim = 0
    var final = 0
    var continuations = 0
    var events = 0
    func observe(_ batch: EventBatch) { events += batch.events.count }
    func flowEnded(_ flow: FlowSummary) {
        if flow.isInterim { interim += 1 } else { final += 1 }
        if flow.isContinuation { continuations += 1 }
    }
}

@Suite("interim flow reports", .enabled(if: corpusAvailable, "shared corpus not found"))
struct CheckpointTests {
    /// With a checkpoint interval, a long-lived polling connection is reported while it lasts,
    /// and its end report is a continuation.
    @Test func longLivedConnectionsAreReportedWhileTheyLast() {
        var analyzer = CaptureAnalyzer(workers: 1)
        analyzer.configuration.collectEvents = true
        analyzer.configuration.collectOnlyNotableEvents = true
        analyzer.configuration.checkpointInterval = 2_000_000_000
        let counter = ReportCounter()
        _ = analyzer.run([corpusCapture("peers/modbus-attack.pcap")], observers: [counter])
        // modbus-attack lasts ~25 s: the HMI's one connection is reported about every 2 s.
        #expect(counter.interim >= 8)
        #expect(counter.continuations >= 1)
        #expect(counter.final >= 2)
    }
}
