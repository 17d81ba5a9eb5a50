/// Object sizes (IEEE 1815-2012 Annex A, object library), enough to walk from one object header to the next.
enum DNP3ObjectSize {
    enum Size: Equatable {
        /// Every object takes this many octets.
        case octets(Int)
        /// Objects are packed bits (single-bit binary inputs and outputs, IIN, double-bit inputs).
        case bits(Int)
        /// Group 0 device attributes: data type, length, value.
        case deviceAttribute
        /// Not known here: the walk stops (no anomaly).
        case unknown
    }

    static func of(group: UInt8, variation: UInt8) -> Size {
        switch (group, variation) {
        case (0, _): return .deviceAttribute
        case (1, 1), (10, 1), (12, 3), (80, 1): return .bits(1)
        case (3, 1): return .bits(2)
        case (1, 2), (2, 1), (3, 2), (4, 1), (10, 2), (11, 1), (13, 1): return .octets(1)
        case (2, 2), (4, 2), (11, 2), (13, 2): return .octets(7)
        case (2, 3), (4, 3): return .octets(3)
        case (12, 1), (12, 2): return .octets(11)
        case (20, 1), (20, 3), (21, 1), (21, 3), (22, 1), (22, 3), (23, 1), (23, 3): return .octets(5)
        case (20, 2), (20, 4), (21, 2), (21, 4), (22, 2), (22, 4), (23, 2), (23, 4): return .octets(3)
        case (20, 5), (20, 7), (21, 9), (21, 11): return .octets(4)
        case (20, 6), (20, 8), (21, 10), (21, 12): return .octets(2)
        case (21, 5), (21, 7), (22, 5), (22, 7), (23, 5), (23, 7): return .octets(11)
        case (21, 6), (21, 8), (22, 6), (22, 8), (23, 6), (23, 8): return .octets(9)
        case (30, 1), (30, 5), (40, 1), (40, 3), (41, 1), (41, 3): return .octets(5)
        case (30, 2), (40, 2), (41, 2): return .octets(3)
        case (30, 3): return .octets(4)
        case (30, 4): return .octets(2)
        case (30, 6), (40, 4), (41, 4): return .octets(9)
        case (31, 1), (31, 7): return .octets(5)
        case (31, 2): return .octets(3)
        case (31, 3): return .octets(11)
        case (31, 4), (31, 8): return .octets(9)
        case (31, 5): return .octets(4)
        case (31, 6): return .octets(2)
        case (32, 1), (32, 5), (33, 1), (33, 5), (42, 1), (42, 5): return .octets(5)
        case (32, 2), (33, 2), (42, 2): return .octets(3)
        case (32, 3), (32, 7), (33, 3), (33, 7), (42, 3), (42, 7): return .octets(11)
        case (32, 4), (32, 6), (33, 4), (33, 6), (42, 4), (42, 6): return .octets(9)
        case (32, 8), (33, 8), (42, 8): return .octets(15)
        case (34, 1): return .octets(2)
        case (34, 2), (34, 3): return .octets(4)
        case (43, 1), (43, 5): return .octets(6)
        case (43, 2): return .octets(4)
        case (43, 3), (43, 7): return .octets(12)
        case (43, 4), (43, 6): return .octets(10)
        case (43, 8): return .octets(16)
        case (50, 1), (50, 3), (51, 1), (51, 2): return .octets(6)
        case (50, 2): return .octets(10)
        case (50, 4): return .octets(11)
        case (52, 1), (52, 2): return .octets(2)
        case (60, _): return .octets(0)
        case (110, _), (111, _), (112, _), (113, _): return .octets(Int(variation))
        default: return .unknown
        }
    }
}
