/// A growing byte buffer for building messages (the encoders of the traffic simulator and the tests).
/// Off the packet path: it allocates freely. Integers are written in the byte order the caller names;
/// `set(…at:)` patches a length field once the body it counts is written.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ other: [UInt8]) { bytes += other }

    public mutating func append(repeating byte: UInt8, count: Int) {
        bytes += [UInt8](repeating: byte, count: max(0, count))
    }

    /// The UTF-8 bytes of `text`, without a length or terminator.
    public mutating func append(utf8 text: String) { bytes += Array(text.utf8) }

    public mutating func append<T: FixedWidthInteger>(bigEndian value: T) {
        for shift in stride(from: T.bitWidth - 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    public mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    /// Overwrites `T.bitWidth / 8` bytes at `offset`, which must already be written.
    public mutating func set<T: FixedWidthInteger>(bigEndian value: T, at offset: Int) {
        for (index, shift) in stride(from: T.bitWidth - 8, through: 0, by: -8).enumerated() {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    public mutating func set<T: FixedWidthInteger>(littleEndian value: T, at offset: Int) {
        for (index, shift) in stride(from: 0, to: T.bitWidth, by: 8).enumerated() {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }
}
