import PacketLayers

/// The IPv4 → MAC claims one worker has seen, to notice a second station claiming an address.
/// Bounded: at `capacity` distinct addresses the table starts over (the caller counts it), so a flood of
/// made-up claims costs a fixed amount of memory and only forgets, never grows.
struct ARPBindingTable {
    struct Binding {
        var mac: MACAddress
        var lastSeen: Int64
    }

    enum Outcome: Equatable {
        case new
        case confirmed
        /// Another MAC claimed the address within the window.
        case conflict(previous: MACAddress)
        /// Another MAC claimed it, but the previous claim is older than the window (a re-addressed or
        /// replaced device): the new claim replaces it silently.
        case replaced
    }

    let capacity: Int
    /// How recent the previous claim must be for a different MAC to count as a conflict (nanoseconds).
    let window: Int64
    private(set) var bindings: [UInt32: Binding] = [:]
    /// How often the table was full and started over.
    private(set) var resets = 0

    init(capacity: Int, window: Int64) {
        self.capacity = max(1, capacity)
        self.window = window
    }

    /// Records that `mac` claims `address` at `time` and says how that compares with the last claim.
    mutating func record(_ address: UInt32, mac: MACAddress, time: Int64) -> Outcome {
        if let previous = bindings[address] {
            bindings[address] = Binding(mac: mac, lastSeen: time)
            if previous.mac == mac { return .confirmed }
            // A capture can go back in time (several files): a negative age is recent too.
            return time &- previous.lastSeen <= window ? .conflict(previous: previous.mac) : .replaced
        }
        if bindings.count >= capacity {
            bindings.removeAll(keepingCapacity: true)
            resets += 1
        }
        bindings[address] = Binding(mac: mac, lastSeen: time)
        return .new
    }
}
