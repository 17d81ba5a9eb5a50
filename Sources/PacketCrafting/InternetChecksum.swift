/// The ones' complement sum of RFC 1071, used by the IPv4 header, UDP and TCP.
public struct InternetChecksum: Sendable {
    private var sum: UInt32 = 0

    public init() {}

    /// Adds `bytes` as big-endian 16-bit words; an odd tail is padded with a zero byte. Call with
    /// an odd count only for the last piece.
    public mutating func add(_ bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        while let high = iterator.next() {
            let low = iterator.next() ?? 0
            sum &+= UInt32(high) << 8 | UInt32(low)
        }
    }

    public mutating func add(_ word: UInt16) { sum &+= UInt32(word) }

    public var value: UInt16 {
        var folded = sum
        while folded > 0xFFFF { folded = (folded & 0xFFFF) + (folded >> 16) }
        return ~UInt16(folded)
    }
}
