import BinaryParsing
import EventModel

/// Formats short target and identity texts ("rack 0 slot 2", "V3.2.6") into a stack buffer and
/// copies them into the batch arena, so building them does not allocate on the packet path.
struct TextBuilder {
    static let capacity = 64

    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    init() {}

    mutating func append(_ literal: StaticString) {
        let start = literal.utf8Start
        for index in 0..<literal.utf8CodeUnitCount { appendByte(start[index]) }
    }

    mutating func append(_ value: Int) {
        if value < 0 { appendByte(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value.magnitude
        var length = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[length] = UInt8(ascii: "0") &+ UInt8(remaining % 10)
                remaining /= 10
                length += 1
            } while remaining > 0 && length < buffer.count
        }
        withUnsafeBytes(of: &digits) { buffer in
            var index = length
            while index > 0 {
                index -= 1
                appendByte(buffer[index])
            }
        }
    }

    mutating func appendByte(_ byte: UInt8) {
        guard count < Self.capacity else { return }
        let index = count
        withUnsafeMutableBytes(of: &storage) { $0[index] = byte }
        count += 1
    }

    /// Copies the text into the batch's arena.
    func text(in events: EventBatch) -> TextRef {
        var copy = storage
        let length = count
        return withUnsafeBytes(of: &copy) { buffer in
            events.text(ByteView(base: buffer.baseAddress, count: length))
        }
    }

    var string: String {
        var copy = storage
        let length = count
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(length), as: UTF8.self) }
    }
}

extension ByteView {
    /// The bytes without leading spaces and trailing spaces and NULs: SZL strings are padded.
    /// Stops at the first NUL, since devices leave garbage after the terminator.
    func trimmedText() -> ByteView {
        var end = firstIndex(of: 0) ?? count
        while end > 0, self[end - 1] == 0x20 || self[end - 1] == 0 { end -= 1 }
        var start = 0
        while start < end, self[start] == 0x20 { start += 1 }
        return slice(from: start, count: end - start) ?? .empty
    }

    /// Decimal value of ASCII digits; `nil` when any byte is not a digit.
    func asciiDecimal() -> Int? {
        guard count > 0, count <= 9 else { return nil }
        var value = 0
        for index in 0..<count {
            let byte = self[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
