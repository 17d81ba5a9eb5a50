import Detection
import Foundation
import NIOCore

/// How an exporter is doing.
public struct AlertExportStatistics: Sendable, Equatable {
    /// Messages the transport accepted (written to the socket or the file).
    public var sent: UInt64 = 0
    /// Alerts dropped because the queue was full (the oldest go first) or still queued at close.
    public var dropped: UInt64 = 0
    /// Failed connection attempts and sends.
    public var failures: UInt64 = 0
    /// Alerts waiting.
    public var queued = 0
    /// Whether the transport is connected (the file open) now.
    public var connected = false
    /// The last failure in words, e.g. `TLS handshake with 127.0.0.1:6514 failed: …`.
    public var lastError: String?
}

/// One destination's exporter. `export` never blocks and never throws: the sensor's writer
/// thread calls it. Delivery happens on the exporter's own thread.
public protocol AlertExporter: AnyObject, Sendable {
    var label: String { get }
    func export(_ alert: Alert)
    var statistics: AlertExportStatistics { get }
    /// Delivers what is queued for up to `timeout` seconds, then stops; what is left is dropped.
    func close(timeout: Double)
}

/// What a transport does, called only from its exporter's thread.
protocol MessageSink: AnyObject {
    /// Connects (or opens the file). Throws a readable error.
    func open() throws
    func send(_ message: String) throws
    /// The queue ran empty: make what was sent durable (the file syncs).
    func finishBatch() throws
    func close()
}

/// A bounded queue in front of a `MessageSink`, drained by a thread of its own that reconnects
/// with exponential backoff (0.25 s doubling to 30 s). A message is removed once its send
/// succeeded, so a failed send is retried after the reconnect (at least once, not exactly
/// once). When the queue is full the oldest alert is dropped and counted.
final class QueuedExporter: AlertExporter, @unchecked Sendable {
    let label: String
    private let capacity: Int
    private let render: @Sendable (Alert) -> String
    private let sink: MessageSink
    private let onError: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var queue = CircularBuffer<(sequence: UInt64, alert: Alert)>()
    private var nextSequence: UInt64 = 0
    private var stats = AlertExportStatistics()
    private var closing = false
    private var closeDeadline = Date.distantFuture
    private let finished = DispatchSemaphore(value: 0)
    static let initialBackoff = 0.25
    static let maximumBackoff = 30.0

    init(
        label: String, capacity: Int, sink: MessageSink, onError: @escaping @Sendable (String) -> Void,
        render: @escaping @Sendable (Alert) -> String
    ) {
        self.label = label
        self.capacity = max(1, capacity)
        self.sink = sink
        self.onError = onError
        self.render = render
        queue.reserveCapacity(min(self.capacity, 4096))
        let thread = Thread { [self] in run() }
        thread.name = "alert-export \(label)"
        thread.start()
    }

    func export(_ alert: Alert) {
        condition.lock()
        defer { condition.unlock() }
        guard !closing else {
            stats.dropped &+= 1
            return
        }
        if queue.count >= capacity {
            queue.removeFirst()
            stats.dropped &+= 1
        }
        queue.append((nextSequence, alert))
        nextSequence &+= 1
        condition.signal()
    }

    var statistics: AlertExportStatistics {
        condition.lock()
        defer { condition.unlock() }
        var copy = stats
        copy.queued = queue.count
        return copy
    }

    func close(timeout: Double) {
        condition.lock()
        if !closing {
            closing = true
            closeDeadline = Date(timeIntervalSinceNow: timeout)
        }
        condition.broadcast()
        condition.unlock()
        // The thread may be stuck in a send to a receiver that stopped reading: give up on it.
        _ = finished.wait(timeout: .now() + timeout + 1)
    }

    private func run() {
        var isOpen = false
        var backoff = Self.initialBackoff
        var lastReported: String?
        func fail(_ error: any Error) {
            let text = String(describing: error)
            condition.lock()
            stats.failures &+= 1
            stats.connected = false
            stats.lastError = text
            condition.unlock()
            if text != lastReported {
                lastReported = text
                onError("\(label): \(text)")
            }
        }
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty || (closing && Date() >= closeDeadline) {
                stats.dropped &+= UInt64(queue.count)
                queue.removeAll()
                condition.unlock()
                break
            }
            let (sequence, alert) = queue.first!
            condition.unlock()

            if !isOpen {
                do {
                    try sink.open()
                    isOpen = true
                    backoff = Self.initialBackoff
                    lastReported = nil
                    condition.lock()
                    stats.connected = true
                    condition.unlock()
                } catch {
                    fail(error)
                    pause(backoff)
                    backoff = min(backoff * 2, Self.maximumBackoff)
                    continue
                }
            }
            do {
                try sink.send(render(alert))
            } catch {
                sink.close()
                isOpen = false
                fail(error)
                pause(backoff)
                backoff = min(backoff * 2, Self.maximumBackoff)
                continue
            }
            condition.lock()
            if queue.first?.sequence == sequence { queue.removeFirst() }
            stats.sent &+= 1
            let drained = queue.isEmpty
            condition.unlock()
            if drained {
                do { try sink.finishBatch() } catch { fail(error) }
            }
        }
        if isOpen { try? sink.finishBatch() }
        sink.close()
        condition.lock()
        stats.connected = false
        condition.unlock()
        finished.signal()
    }

    /// Waits `seconds`, or less when closing (up to the close deadline).
    private func pause(_ seconds: Double) {
        condition.lock()
        let until = min(Date(timeIntervalSinceNow: seconds), closing ? closeDeadline : .distantFuture)
        while Date() < until {
            if !condition.wait(until: until) { break }
            if closing && until > closeDeadline { break }
        }
        condition.unlock()
    }
}
