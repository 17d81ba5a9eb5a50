import EventModel
import Foundation
import Monitor

/// An observer whose targets the writer's thread can replace while the worker runs: the live
/// sensor switches a worker from learning the baseline to monitoring against it without
/// restarting the capture. The lock is taken once per batch and per flow.
final class ReplaceableObserver: PacketPathObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var targets: [any PacketPathObserver] = []

    init(_ targets: [any PacketPathObserver] = []) { self.targets = targets }

    func replace(with targets: [any PacketPathObserver]) {
        lock.withLock { self.targets = targets }
    }

    func observe(_ batch: EventBatch) {
        lock.withLock { for target in targets { target.observe(batch) } }
    }

    var wantsEveryEvent: Bool { lock.withLock { targets.contains { $0.wantsEveryEvent } } }

    var current: [any PacketPathObserver] { lock.withLock { targets } }

    func flowEnded(_ flow: FlowSummary) {
        lock.withLock { for target in targets { target.flowEnded(flow) } }
    }
}
