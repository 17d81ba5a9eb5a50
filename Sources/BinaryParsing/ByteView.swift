/// A borrowed, bounds-checked window over bytes owned by someone else (a capture buffer, a libpcap
/// ring, a reassembly buffer). This is the one audited unsafe type of the packet path: it never
/// copies, never retains, and every accessor checks its bounds. A `ByteView` is valid only while the
/// owner keeps the bytes alive — in practice, for the duration of the callback that received it.
public struct ByteView: @unchecked Sendable {
    public let base: UnsafeRawPointer?
    public let count: Int

    @inlinable
    public init(base: UnsafeRawPointer?, count: Int) {
        self.base = count > 0 ? base : nil
        self.count = count > 0 ? count : 0
    }

    @inlinable
    public init(_ buffer: UnsafeRawBufferPointer) {
        self.init(base: buffer.baseAddress, count: buffer.count)
    }

    public static let empty = ByteView(base: nil, count: 0)

    @inlinable public var isEmpty: Bool { count == 0 }

    /// The byte at `index`; traps on an out-of-range index, so use it only after a length check.
    @inlinable
    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "ByteView index out of range")
        return base.unsafelyUnwrapped.load(fromByteOffset: index, as: UInt8.self)
    }

    @inlinable
    public func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count &- offset
    }

    @inlinable
    public func getUInt8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return base.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inlinable
    public func getUInt16(at offset: Int, bigEndian: Bool = true) -> UInt16? {
        guard contains(offset: offset, length: 2) else { return nil }
        let raw = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    @inlinable
    public func getUInt24(at offset: Int, bigEndian: Bool = true) -> UInt32? {
        guard contains(offset: offset, length: 3) else { return nil }
        let b0 = UInt32(self[offset])
        let b1 = UInt32(self[offset + 1])
        let b2 = UInt32(self[offset + 2])
        return bigEndian ? (b0 << 16 | b1 << 8 | b2) : (b2 << 16 | b1 << 8 | b0)
    }

    @inlinable
    public func getUInt32(at offset: Int, bigEndian: Bool = true) -> UInt32? {
        guard contains(offset: offset, length: 4) else { return nil }
        let raw = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    @inlinable
    public func getUInt64(at offset: Int, bigEndian: Bool = true) -> UInt64? {
        guard contains(offset: offset, length: 8) else { return nil }
        let raw = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)
    }

    // Unchecked loads, for parsers that have checked the whole header length once (hot headers
    // such as IPv4 and TCP). Callers must guarantee `offset + size <= count`.

    @inlinable @inline(__always)
    public func uncheckedUInt8(at offset: Int) -> UInt8 {
        assert(offset >= 0 && offset < count)
        return base.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inlinable @inline(__always)
    public func uncheckedUInt16(at offset: Int) -> UInt16 {
        assert(offset >= 0 && offset + 2 <= count)
        return UInt16(bigEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always)
    public func uncheckedUInt32(at offset: Int) -> UInt32 {
        assert(offset >= 0 && offset + 4 <= count)
        return UInt32(bigEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable @inline(__always)
    public func uncheckedUInt64(at offset: Int) -> UInt64 {
        assert(offset >= 0 && offset + 8 <= count)
        return UInt64(bigEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A sub-window; `nil` when it would reach outside this one.
    @inlinable @inline(__always)  // left a call per packet in the layer decoders otherwise
    public func slice(from offset: Int, count length: Int) -> ByteView? {
        guard contains(offset: offset, length: length) else { return nil }
        return ByteView(base: base.map { $0 + offset }, count: length)
    }

    /// The bytes from `offset` to the end (empty when `offset` is past the end).
    @inlinable
    public func dropFirst(_ n: Int) -> ByteView {
        guard n > 0 else { return self }
        guard n < count else { return .empty }
        return ByteView(base: base.map { $0 + n }, count: count - n)
    }

    /// The first `n` bytes (all of them when `n` exceeds the count).
    @inlinable
    public func prefix(_ n: Int) -> ByteView {
        guard n < count else { return self }
        return ByteView(base: base, count: max(0, n))
    }

    /// Calls `body` with the bytes as a raw buffer (for `memcpy`-style copies and `Span`s).
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Copies the bytes out. Allocates: only for tests, rare events and printing.
    public var array: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// First index of `byte` at or after `offset`.
    @inlinable
    public func firstIndex(of byte: UInt8, from offset: Int = 0) -> Int? {
        var index = max(0, offset)
        while index < count {
            if self[index] == byte { return index }
            index &+= 1
        }
        return nil
    }

    /// Byte-wise equality with a literal, without allocating.
    @inlinable
    public func hasPrefix(_ bytes: StaticString) -> Bool {
        let length = bytes.utf8CodeUnitCount
        guard length <= count else { return false }
        let literal = bytes.utf8Start
        for index in 0..<length where self[index] != literal[index] { return false }
        return true
    }

    @inlinable
    public func elementsEqual(_ other: ByteView) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        return memcmpBytes(base.unsafelyUnwrapped, other.base.unsafelyUnwrapped, count)
    }
}

@usableFromInline
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var index = 0
    while index < count {
        if a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
            return false
        }
        index += 1
    }
    return true
}

extension ByteView {
    /// Runs `body` with a view over an array's bytes (tests and owned buffers).
    @inlinable
    public static func with<R>(_ bytes: [UInt8], _ body: (ByteView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { try body(ByteView($0)) }
    }
}
