import PacketLayers

/// A small, ordered JSON writer: reports keep their keys in a stable, documented order, and
/// strings from the wire are escaped whatever bytes they hold.
///
/// It writes UTF-8 bytes and builds the `String` once, in `output`: appending to a `String` piece
/// by piece cost the event formatter most of its time.
public struct JSONWriter {
    /// The JSON written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the container at each depth (bit `depth`) already holds an element; containers
    /// nested deeper than 64 levels keep theirs in `deepNeedsComma`.
    private var needsCommaBits: UInt64 = 0
    private var deepNeedsComma: [Bool] = []
    private var depth = 0
    private var pendingValue = false

    public init() { bytes.reserveCapacity(512) }

    /// The JSON written so far.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    private var needsComma: Bool {
        @inline(__always) get {
            depth < 64 ? needsCommaBits & (1 << UInt64(depth)) != 0 : deepNeedsComma[depth - 64]
        }
        @inline(__always) set {
            guard depth < 64 else { return setDeepNeedsComma(newValue) }
            if newValue {
                needsCommaBits |= 1 << UInt64(depth)
            } else {
                needsCommaBits &= ~(1 << UInt64(depth))
            }
        }
    }

    @inline(never)
    private mutating func setDeepNeedsComma(_ value: Bool) { deepNeedsComma[depth - 64] = value }

    private mutating func push() {
        depth += 1
        if depth >= 64 && deepNeedsComma.count < depth - 63 { deepNeedsComma.append(false) }
        needsComma = false
    }

    public mutating func beginObject() {
        separator()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() {
        depth -= 1
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separator()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() {
        depth -= 1
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func key(_ name: String) {
        separator()
        Self.appendEscaped(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        pendingValue = true
    }

    private mutating func separator() {
        if pendingValue {
            pendingValue = false
            needsComma = true
            return
        }
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    public mutating func value(_ text: String) {
        separator()
        Self.appendEscaped(text, to: &bytes)
    }

    public mutating func value(_ text: StaticString) {
        separator()
        text.withUTF8Buffer { Self.appendEscaped(UnsafeRawBufferPointer($0), to: &bytes) }
    }

    /// A string from untrusted bytes, decoded as UTF-8 with invalid sequences replaced by U+FFFD
    /// (exactly as `String(decoding:as:)` does).
    public mutating func value(decodingUTF8 text: UnsafeRawBufferPointer) {
        separator()
        if text.allSatisfy({ $0 < 0x80 }) {
            Self.appendEscaped(text, to: &bytes)
        } else {
            Self.appendEscaped(String(decoding: text, as: UTF8.self), to: &bytes)
        }
    }

    public mutating func value<T: BinaryInteger>(_ number: T) {
        separator()
        if let small = Int64(exactly: number) {
            Self.appendDecimal(small.magnitude, negative: small < 0, to: &bytes)
        } else if let large = UInt64(exactly: number) {
            Self.appendDecimal(large, negative: false, to: &bytes)
        } else {
            bytes.append(contentsOf: String(number).utf8)
        }
    }

    public mutating func value(_ number: Double) {
        separator()
        bytes.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
    }

    public mutating func value(_ flag: Bool) {
        separator()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    /// A MAC address as a string (its text needs no escaping).
    public mutating func value(_ mac: MACAddress) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        mac.write(into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// An IP address as a string (its text needs no escaping).
    public mutating func value(_ address: IPAddress) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        address.write(into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A time as an RFC 3339 string (see `rfc3339`).
    public mutating func value(rfc3339 nanoseconds: Int64) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        appendRFC3339(nanoseconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func field(_ name: String, _ text: String) {
        key(name)
        value(text)
    }

    public mutating func field(_ name: String, _ text: StaticString) {
        key(name)
        value(text)
    }

    public mutating func field<T: BinaryInteger>(_ name: String, _ number: T) {
        key(name)
        value(number)
    }

    public static func appendEscaped(_ text: String, to output: inout String) {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a quoted JSON string.
    public static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable {
            appendEscaped(UnsafeRawBufferPointer($0), to: &output)
        }
        if done == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBytes { appendEscaped($0, to: &output) }
        }
    }

    /// Appends valid UTF-8 as a quoted JSON string: quote, backslash and the controls (C0 and DEL)
    /// are escaped, everything else is copied as it is. Runs that need no escaping are copied whole,
    /// and found eight bytes at a time.
    public static func appendEscaped(_ text: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = text.count
        while index < count {
            if index + 8 <= count && !mayNeedEscape(text.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = text[index]
            index += 1
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
            if runStart < index - 1 {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart..<(index - 1)]))
            }
            runStart = index
            switch byte {
            case 0x22: append("\\\"", to: &output)
            case 0x5C: append("\\\\", to: &output)
            case 0x0A: append("\\n", to: &output)
            case 0x0D: append("\\r", to: &output)
            case 0x09: append("\\t", to: &output)
            default:
                append("\\u00", to: &output)
                output.append(lowercaseHexDigit(byte >> 4))
                output.append(lowercaseHexDigit(byte & 0xF))
            }
        }
        if runStart < count { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart...])) }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes is below 0x20, a quote, a backslash or DEL (no false negatives).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & high }
        let control = (word &- ones &* 0x20) & ~word & high
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let delete = hasZeroByte(word ^ (ones &* 0x7F))
        return control | quote | backslash | delete != 0
    }

    @inline(__always)
    private static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `magnitude`, after a minus sign when `negative`.
    static func appendDecimal(_ magnitude: UInt64, negative: Bool, to output: inout [UInt8]) {
        if negative { output.append(UInt8(ascii: "-")) }
        appendDigits(magnitude, minimumWidth: 1, to: &output)
    }
}

private func lowercaseHexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}

/// Appends the decimal digits of `value`, left-padded with zeros to `minimumWidth`.
private func appendDigits(_ value: UInt64, minimumWidth: Int, to output: inout [UInt8]) {
    var digits = 1
    var rest = value
    while rest >= 10 {
        rest /= 10
        digits += 1
    }
    let width = max(digits, minimumWidth)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
        var remaining = value
        var index = width
        while index > 0 {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<width]))
    }
}

/// RFC 3339 UTC time with microseconds from nanoseconds since the epoch (no Foundation needed).
public func rfc3339(_ nanoseconds: Int64) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(27)
    appendRFC3339(nanoseconds, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends `rfc3339(nanoseconds)` as UTF-8.
public func appendRFC3339(_ nanoseconds: Int64, to output: inout [UInt8]) {
    var seconds = nanoseconds / 1_000_000_000
    var remainder = nanoseconds % 1_000_000_000
    if remainder < 0 {
        remainder += 1_000_000_000
        seconds -= 1
    }
    let microseconds = remainder / 1000
    var days = seconds / 86_400
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 {
        secondOfDay += 86_400
        days -= 1
    }
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    var year = yearOfEra + era * 400
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPrime = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
    let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
    if month <= 2 { year += 1 }
    // Every field is non-negative: an Int64 of nanoseconds spans the years 1677 to 2262.
    func pad(_ value: Int64, _ width: Int) {
        appendDigits(UInt64(truncatingIfNeeded: value), minimumWidth: width, to: &output)
    }
    pad(year, 4)
    output.append(UInt8(ascii: "-"))
    pad(month, 2)
    output.append(UInt8(ascii: "-"))
    pad(day, 2)
    output.append(UInt8(ascii: "T"))
    pad(secondOfDay / 3600, 2)
    output.append(UInt8(ascii: ":"))
    pad(secondOfDay / 60 % 60, 2)
    output.append(UInt8(ascii: ":"))
    pad(secondOfDay % 60, 2)
    output.append(UInt8(ascii: "."))
    pad(microseconds, 6)
    output.append(UInt8(ascii: "Z"))
}
