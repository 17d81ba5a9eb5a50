/// A cursor over a `ByteView` in the swift-nio style: `read…` advances and returns `nil` when too
/// few bytes remain (the index does not move then), `peek…` does not advance.
public struct ByteReader: @unchecked Sendable {
    public let view: ByteView
    public var offset: Int

    @inlinable
    public init(_ view: ByteView, offset: Int = 0) {
        self.view = view
        self.offset = min(max(0, offset), view.count)
    }

    @inlinable public var remaining: Int { view.count - offset }
    @inlinable public var isAtEnd: Bool { offset >= view.count }

    /// The unread bytes.
    @inlinable public var rest: ByteView { view.dropFirst(offset) }

    @inlinable
    public mutating func readUInt8() -> UInt8? {
        guard let value = view.getUInt8(at: offset) else { return nil }
        offset &+= 1
        return value
    }

    @inlinable
    public mutating func readUInt16(bigEndian: Bool = true) -> UInt16? {
        guard let value = view.getUInt16(at: offset, bigEndian: bigEndian) else { return nil }
        offset &+= 2
        return value
    }

    @inlinable
    public mutating func readUInt24(bigEndian: Bool = true) -> UInt32? {
        guard let value = view.getUInt24(at: offset, bigEndian: bigEndian) else { return nil }
        offset &+= 3
        return value
    }

    @inlinable
    public mutating func readUInt32(bigEndian: Bool = true) -> UInt32? {
        guard let value = view.getUInt32(at: offset, bigEndian: bigEndian) else { return nil }
        offset &+= 4
        return value
    }

    @inlinable
    public mutating func readUInt64(bigEndian: Bool = true) -> UInt64? {
        guard let value = view.getUInt64(at: offset, bigEndian: bigEndian) else { return nil }
        offset &+= 8
        return value
    }

    @inlinable
    public func peekUInt8(at delta: Int = 0) -> UInt8? { view.getUInt8(at: offset &+ delta) }

    @inlinable
    public func peekUInt16(at delta: Int = 0, bigEndian: Bool = true) -> UInt16? {
        view.getUInt16(at: offset &+ delta, bigEndian: bigEndian)
    }

    /// The next `count` bytes as a view, advancing past them.
    @inlinable
    public mutating func readView(count length: Int) -> ByteView? {
        guard let slice = view.slice(from: offset, count: length) else { return nil }
        offset &+= length
        return slice
    }

    /// A reader confined to the next `count` bytes: a length field bounds the inner parse.
    @inlinable
    public mutating func readSubReader(count length: Int) -> ByteReader? {
        readView(count: length).map { ByteReader($0) }
    }

    @inlinable
    @discardableResult
    public mutating func skip(_ length: Int) -> Bool {
        guard length >= 0, length <= remaining else { return false }
        offset &+= length
        return true
    }

    @inlinable
    public mutating func moveTo(_ absolute: Int) -> Bool {
        guard absolute >= 0, absolute <= view.count else { return false }
        offset = absolute
        return true
    }
}
