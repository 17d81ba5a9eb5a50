/// Fixed-size counters in raw storage, for counts taken on every packet or event: an array
/// checks its uniqueness (a runtime call) at every increment. Not copyable: it owns its storage.
public struct CountTable: ~Copyable {
    @usableFromInline let counts: UnsafeMutablePointer<UInt64>
    public let slots: Int

    public init(slots: Int) {
        self.slots = slots
        counts = .allocate(capacity: slots)
        counts.initialize(repeating: 0, count: slots)
    }

    deinit { counts.deallocate() }

    /// Adds one to `slot`, which the caller keeps below `slots`.
    @inlinable public func increment(_ slot: Int) { counts[slot] &+= 1 }

    public subscript(slot: Int) -> UInt64 { counts[slot] }

    /// Every counter, in slot order.
    public var values: [UInt64] { Array(UnsafeBufferPointer(start: counts, count: slots)) }
}
