import BinaryParsing

/// The DNP3 CRC (IEEE 1815-2012 §9.2): polynomial 0x3D65, reflected (0xA6BC),
/// initial value 0, complemented, sent low octet first.
enum DNP3CRC {
    static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA6BC : crc >> 1 }
        return crc
    }

    /// CRC of `count` bytes of `bytes` from `offset` (caller checked the bounds).
    @inline(__always)
    static func compute(_ bytes: ByteView, from offset: Int, count: Int) -> UInt16 {
        var crc: UInt16 = 0
        table.withUnsafeBufferPointer { table in
            var index = offset
            let end = offset + count
            while index < end {
                crc = (crc >> 8) ^ table[Int(UInt8(truncatingIfNeeded: crc) ^ bytes[index])]
                index &+= 1
            }
        }
        return ~crc
    }

    /// Whether the block of `count` bytes at `offset` is followed by its correct CRC.
    @inline(__always)
    static func blockIsValid(_ bytes: ByteView, from offset: Int, count: Int) -> Bool {
        guard let stored = bytes.getUInt16(at: offset + count, bigEndian: false) else { return false }
        return compute(bytes, from: offset, count: count) == stored
    }

    /// Whether the 10-byte link header at the start of `bytes` carries a correct CRC.
    static func headerIsValid(_ bytes: ByteView) -> Bool {
        bytes.count >= DNP3Link.headerLength && blockIsValid(bytes, from: 0, count: 8)
    }
}
