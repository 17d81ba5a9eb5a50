import BinaryParsing

/// Formats short target and identity texts ("assigned 10.0.0.5", "prl=1,3,6") into a stack buffer
/// and copies them into the batch arena, so building them does not allocate on the packet path.
/// Text beyond `capacity` is cut (silently: these are summaries, the wire bytes stay authoritative).
public struct TextBuilder {
    public static let capacity = 256

    private var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ literal: StaticString) {
        let start = literal.utf8Start
        for index in 0..<literal.utf8CodeUnitCount { appendByte(start[index]) }
    }

    public mutating func append(_ value: Int) {
        if value < 0 { appendByte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            appendByte(UInt8(ascii: "0") &+ UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }

    public mutating func appendHexByte(_ byte: UInt8) {
        let digits: StaticString = "0123456789abcdef"
        appendByte(digits.utf8Start[Int(byte >> 4)])
        appendByte(digits.utf8Start[Int(byte & 0x0F)])
    }

    /// Dotted quad.
    public mutating func appendIPv4(_ value: UInt32) {
        append(Int(value >> 24))
        appendByte(UInt8(ascii: "."))
        append(Int(value >> 16 & 0xFF))
        appendByte(UInt8(ascii: "."))
        append(Int(value >> 8 & 0xFF))
        appendByte(UInt8(ascii: "."))
        append(Int(value & 0xFF))
    }

    /// Colon-separated hex bytes ("00:11:32:17:49:f0").
    public mutating func appendHex(_ bytes: ByteView, separator: UInt8 = UInt8(ascii: ":")) {
        for index in 0..<bytes.count {
            if index > 0 { appendByte(separator) }
            appendHexByte(bytes[index])
        }
    }

    /// Wire text, printable ASCII kept, other bytes as '.', trailing NULs dropped.
    public mutating func appendText(_ bytes: ByteView) {
        let text = bytes.trimmedNUL()
        for index in 0..<text.count {
            let byte = text[index]
            appendByte((0x20...0x7E).contains(byte) ? byte : UInt8(ascii: "."))
        }
    }

    public mutating func appendByte(_ byte: UInt8) {
        guard count < Self.capacity else { return }
        let index = count
        withUnsafeMutableBytes(of: &storage) { $0[index] = byte }
        count += 1
    }

    /// Copies the text into the batch's arena.
    public func text(in events: EventBatch) -> TextRef {
        var copy = storage
        let length = count
        return withUnsafeBytes(of: &copy) { buffer in
            events.text(ByteView(base: buffer.baseAddress, count: length))
        }
    }

    public func withBytes<R>(_ body: (ByteView) -> R) -> R {
        var copy = storage
        let length = count
        return withUnsafeBytes(of: &copy) { body(ByteView(base: $0.baseAddress, count: length)) }
    }

    public var string: String {
        var copy = storage
        let length = count
        return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(length), as: UTF8.self) }
    }
}

extension ByteView {
    /// The bytes without trailing NULs: clients often count the C terminator in the option length
    /// (tshark shows "nas1" where the wire has "nas1\0").
    public func trimmedNUL() -> ByteView {
        var end = count
        while end > 0, self[end - 1] == 0 { end -= 1 }
        return prefix(end)
    }
}
