import BinaryParsing
import EventModel

/// A reusable buffer for the few values this decoder formats (addresses, capability lists, prefixed
/// labels). It keeps its capacity between PDUs, so formatting does not allocate in steady state; the
/// result is copied once into the batch arena. Shared by the decoders that format values. Capped: a value never grows past `capacity` bytes.
public struct TextScratch {
    public static let capacity = 640
    public private(set) var bytes: [UInt8] = []
    public private(set) var truncated = false

    public init() { bytes.reserveCapacity(Self.capacity) }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        truncated = false
    }

    public var isEmpty: Bool { bytes.isEmpty }

    public mutating func append(byte: UInt8) {
        guard bytes.count < Self.capacity else {
            truncated = true
            return
        }
        bytes.append(byte)
    }

    public mutating func append(_ literal: StaticString) {
        let start = literal.utf8Start
        for index in 0..<literal.utf8CodeUnitCount { append(byte: start[index]) }
    }

    /// Wire text, with trailing NUL terminators dropped.
    public mutating func append(text view: ByteView) {
        let trimmed = trimmingTrailingNULs(view)
        for index in 0..<trimmed.count { append(byte: trimmed[index]) }
    }

    public mutating func append(decimal value: UInt64) {
        if value >= 10 { append(decimal: value / 10) }
        append(byte: UInt8(truncatingIfNeeded: value % 10) &+ 0x30)
    }

    public mutating func append(hexByte value: UInt8) {
        append(byte: hexDigit(value >> 4))
        append(byte: hexDigit(value & 0x0F))
    }

    private func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble }

    /// Colon-separated hex (`00:1b:1b:34:34:cb`), as tshark prints MAC addresses.
    public mutating func append(mac view: ByteView) {
        for index in 0..<view.count {
            if index > 0 { append(byte: 0x3A) }
            append(hexByte: view[index])
        }
    }

    /// Plain hex without separators (tshark's rendering of unknown address kinds).
    public mutating func append(hex view: ByteView) {
        for index in 0..<view.count { append(hexByte: view[index]) }
    }

    public mutating func append(ipv4 view: ByteView) {
        for index in 0..<view.count {
            if index > 0 { append(byte: 0x2E) }
            append(decimal: UInt64(view[index]))
        }
    }

    /// RFC 5952 text: lower-case hex groups, the longest run (≥ 2) of zero groups as `::`.
    public mutating func append(ipv6 view: ByteView) {
        guard view.count == 16 else {
            append(hex: view)
            return
        }
        var bestStart = -1
        var bestLength = 0
        var runStart = -1
        for group in 0..<8 {
            if view.getUInt16(at: group * 2) == 0 {
                if runStart < 0 { runStart = group }
                let length = group - runStart + 1
                if length > bestLength {
                    bestLength = length
                    bestStart = runStart
                }
            } else {
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var group = 0
        while group < 8 {
            if group == bestStart {
                append(byte: 0x3A)
                append(byte: 0x3A)
                group += bestLength
                continue
            }
            if group > 0 && !(bestStart >= 0 && group == bestStart + bestLength) { append(byte: 0x3A) }
            appendHexGroup(view.getUInt16(at: group * 2) ?? 0)
            group += 1
        }
    }

    private mutating func appendHexGroup(_ value: UInt16) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0x0F
            if nibble != 0 || started || shift == 0 {
                started = true
                append(byte: hexDigit(nibble))
            }
        }
    }

    /// Drops what was appended after `count` bytes.
    public mutating func truncate(to count: Int) {
        if count < bytes.count { bytes.removeLast(bytes.count - count) }
    }

    /// Copies the text into the batch arena.
    public func text(in events: EventBatch) -> TextRef { text(from: 0, in: events) }

    /// Copies the text from byte `start` on into the batch arena.
    public func text(from start: Int, in events: EventBatch) -> TextRef {
        bytes.withUnsafeBytes { events.text(ByteView($0).dropFirst(start)) }
    }
}

/// Devices often NUL-terminate their strings; the terminator is not part of the value.
public func trimmingTrailingNULs(_ view: ByteView) -> ByteView {
    var length = view.count
    while length > 0 && view[length - 1] == 0 { length -= 1 }
    return view.prefix(length)
}
