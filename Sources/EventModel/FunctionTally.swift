/// Events by (protocol, operation, function code), counted at emit time for the store's
/// aggregated counts: a small open-addressed table, cleared at every packet (the processor moves
/// it into the flow's own counts), so it holds a handful of keys and never allocates.
public struct FunctionTally: Sendable {
    /// Packed: protocol id (16 bits) | operation (8) | function code (40, two's complement).
    public typealias Key = UInt64
    static let capacity = 32
    private var keys = [Key](repeating: 0, count: capacity)
    private var counts = [UInt32](repeating: 0, count: capacity)
    public private(set) var count = 0

    public init() {}

    @inlinable public static func key(protocolID: UInt16, operation: Operation, function: Int64) -> Key {
        UInt64(protocolID) << 48 | UInt64(operation.rawValue) << 40 | (UInt64(bitPattern: function) & 0xFF_FFFF_FFFF)
    }

    public static func protocolID(of key: Key) -> UInt16 { UInt16(truncatingIfNeeded: key >> 48) }
    public static func operation(of key: Key) -> Operation {
        Operation(rawValue: UInt8(truncatingIfNeeded: key >> 40)) ?? .none
    }
    /// The function code, -1 when the event had none.
    public static func function(of key: Key) -> Int64 {
        Int64(bitPattern: (key & 0xFF_FFFF_FFFF) << 24) >> 24  // sign-extend 40 bits
    }

    /// Counts one event (keys are never 0: a zero slot is free; an event of protocol 0 with
    /// operation none and function 0 is counted under function -1 instead).
    public mutating func add(_ key: Key) {
        let key = key == 0 ? Self.key(protocolID: 0, operation: .none, function: -1) : key
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 59) & (Self.capacity - 1)
        for _ in 0..<Self.capacity {
            if keys[slot] == key {
                counts[slot] &+= 1
                return
            }
            if keys[slot] == 0 {
                keys[slot] = key
                counts[slot] = 1
                count += 1
                return
            }
            slot = (slot + 1) & (Self.capacity - 1)
        }
        // Full (32 different functions in one packet): the event stays counted by operation only.
    }

    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with every (key, count) and empties the table.
    public mutating func drain(_ body: (Key, UInt32) -> Void) {
        var left = count
        var slot = 0
        // Stops at the last used slot: a packet usually fills one or two of the 32.
        while left > 0 && slot < Self.capacity {
            if keys[slot] != 0 {
                body(keys[slot], counts[slot])
                keys[slot] = 0
                counts[slot] = 0
                left -= 1
            }
            slot += 1
        }
        count = 0
    }
}
