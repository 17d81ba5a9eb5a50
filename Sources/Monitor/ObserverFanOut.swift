import EventModel

/// Passes one worker's batches and flows to several observers (the inventory and detection run
/// side by side on the same packet path).
public final class ObserverFanOut: PacketPathObserver {
    public let observers: [any PacketPathObserver]

    public init(_ observers: [any PacketPathObserver]) { self.observers = observers }

    public func observe(_ batch: EventBatch) {
        for observer in observers { observer.observe(batch) }
    }

    public func flowEnded(_ flow: FlowSummary) {
        for observer in observers { observer.flowEnded(flow) }
    }

    public var wantsEveryEvent: Bool { observers.contains { $0.wantsEveryEvent } }

    public func captureFileStarted(_ path: String) {
        for observer in observers { observer.captureFileStarted(path) }
    }
}
