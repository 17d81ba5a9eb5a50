import PacketLayers

/// A small, ordered JSON writer: reports keep their keys in a stable, documented order, and
/// strings from the wire are escaped whatever bytes they hold.
///
/// It writes UTF-8 bytes through a pointer and builds the `String` once, in `output`: appending
/// to a `String` piece by piece (and even to an `Array`, with its per-append uniqueness and
/// capacity checks) cost the event formatter most of its time.
public struct JSONWriter {
    private var storage = JSONBytes(capacity: 512)
    /// Whether the container at each depth (bit `depth`) already holds an element; containers
    /// nested deeper than 64 levels keep theirs in `deepNeedsComma`.
    private var needsCommaBits: UInt64 = 0
    private var deepNeedsComma: [Bool] = []
    private var depth = 0
    private var pendingValue = false

    public init() {}

    /// A writer whose buffer starts with room for `capacity` bytes: a large document written
    /// into a buffer that doubles as it goes was copied about once over and paid the page faults
    /// of every discarded buffer (pages of the reserved room are only touched when written).
    /// At most `largestReservation` is set aside; beyond it the buffer grows as usual.
    public init(reservingCapacity capacity: Int) {
        storage = JSONBytes(capacity: min(capacity, Self.largestReservation))
    }

    /// The most `init(reservingCapacity:)` sets aside up front (64 MiB).
    public static let largestReservation = 1 << 26

    /// Empties the writer for the next document, keeping its buffer.
    public mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) {
            storage.removeAll()
        } else {
            storage = JSONBytes(capacity: 512)
        }
        needsCommaBits = 0
        deepNeedsComma.removeAll()
        depth = 0
        pendingValue = false
    }

    /// The JSON written so far.
    public var output: String { storage.string }

    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] { storage.array }

    /// How many bytes have been written so far.
    public var byteCount: Int { storage.byteCount }

    /// Lends the UTF-8 written so far to `body` without copying it (to write it out in one go).
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes(body)
    }

    /// Ends a top-level value with a newline, so the next one starts a new JSON line (no comma).
    public mutating func endLine() {
        precondition(depth == 0, "endLine inside a container")
        out().append(UInt8(ascii: "\n"))
        needsComma = false
        pendingValue = false
    }

    /// The bytes, unshared: a copy of a writer gets its own bytes when it first writes.
    @inline(__always)
    private mutating func out() -> JSONBytes {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

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
        out().append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() {
        depth -= 1
        out().append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separator()
        out().append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() {
        depth -= 1
        out().append(UInt8(ascii: "]"))
    }

    public mutating func key(_ name: String) {
        separator()
        let bytes = out()
        bytes.appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        pendingValue = true
    }

    /// A key written from its static bytes: for hot formatters, which `String` keys slow down.
    public mutating func key(static name: StaticString) {
        separator()
        let bytes = out()
        // Keys are literals of this code base, plain snake_case: copied as they are (the escape
        // scan cost an event line a tenth of its time).
        name.withUTF8Buffer { name in
            assert(!name.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }, "key needs escaping")
            bytes.appendKey(UnsafeRawBufferPointer(name))
        }
        needsComma = false
        pendingValue = true
    }

    /// A key and an array of `values`, each written by `element` (one of the `value` methods):
    /// `json.array(static: "ips", asset.ips) { $0.value($1) }`.
    public mutating func array<Element>(
        static name: StaticString, _ values: [Element], _ element: (inout JSONWriter, Element) -> Void
    ) {
        key(static: name)
        beginArray()
        for value in values { element(&self, value) }
        endArray()
    }

    @inline(__always)
    private mutating func separator() {
        if pendingValue {
            pendingValue = false
            needsComma = true
            return
        }
        if needsComma { out().append(UInt8(ascii: ",")) }
        needsComma = true
    }

    public mutating func value(_ text: String) {
        separator()
        out().appendEscaped(text)
    }

    public mutating func value(_ text: StaticString) {
        separator()
        let bytes = out()
        text.withUTF8Buffer { bytes.appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// A string from untrusted bytes, decoded as UTF-8 with invalid sequences replaced by U+FFFD
    /// (exactly as `String(decoding:as:)` does).
    public mutating func value(decodingUTF8 text: UnsafeRawBufferPointer) {
        separator()
        if text.allSatisfy({ $0 < 0x80 }) {
            out().appendEscaped(text)
        } else {
            out().appendEscaped(String(decoding: text, as: UTF8.self))
        }
    }

    public mutating func value<T: BinaryInteger>(_ number: T) {
        separator()
        if let small = Int64(exactly: number) {
            let bytes = out()
            if small < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.appendDigits(small.magnitude)
        } else if let large = UInt64(exactly: number) {
            out().appendDigits(large)
        } else {
            out().append(string: String(number))
        }
    }

    public mutating func value(_ number: Double) {
        separator()
        out().append(string: number.isFinite ? String(number) : "null")
    }

    public mutating func value(_ flag: Bool) {
        separator()
        out().append(flag ? "true" : "false")
    }

    /// A MAC address as a string (its text needs no escaping).
    public mutating func value(_ mac: MACAddress) {
        separator()
        let bytes = out()
        bytes.append(UInt8(ascii: "\""))
        bytes.write(MACAddress.textLength) { mac.write(to: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An IP address as a string (its text needs no escaping).
    public mutating func value(_ address: IPAddress) {
        separator()
        let bytes = out()
        bytes.append(UInt8(ascii: "\""))
        bytes.write(IPAddress.maximumTextLength) { address.write(to: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A time as an RFC 3339 string (see `rfc3339`).
    public mutating func value(rfc3339 nanoseconds: Int64) {
        separator()
        let bytes = out()
        bytes.append(UInt8(ascii: "\""))
        bytes.appendRFC3339(nanoseconds)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes `json` as a value without escaping it: the caller vouches that it is one JSON value
    /// (an event line this program wrote).
    public mutating func value(rawJSON json: String) {
        separator()
        out().append(string: json)
    }

    public mutating func null() {
        separator()
        out().append("null")
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

    public mutating func field(static name: StaticString, _ text: String) {
        key(static: name)
        value(text)
    }

    public mutating func field(static name: StaticString, _ text: StaticString) {
        key(static: name)
        value(text)
    }

    public mutating func field<T: BinaryInteger>(static name: StaticString, _ number: T) {
        key(static: name)
        value(number)
    }

    public static func appendEscaped(_ text: String, to output: inout String) {
        let bytes = JSONBytes(capacity: text.utf8.count + 2)
        bytes.appendEscaped(text)
        output += bytes.string
    }
}

/// The writer's bytes: one growing allocation written through a pointer.
final class JSONBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    func removeAll() { count = 0 }

    var byteCount: Int { count }

    func copy() -> JSONBytes {
        let copy = JSONBytes(capacity: capacity)
        copy.base.update(from: base, count: count)
        copy.count = count
        return copy
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// `"name":` in one go (the name needs no escaping).
    func appendKey(_ name: UnsafeRawBufferPointer) {
        reserve(name.count + 3)
        base[count] = UInt8(ascii: "\"")
        if let source = name.baseAddress {
            UnsafeMutableRawPointer(base + count + 1).copyMemory(from: source, byteCount: name.count)
        }
        base[count + 1 + name.count] = UInt8(ascii: "\"")
        base[count + 2 + name.count] = UInt8(ascii: ":")
        count += name.count + 3
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    func append(string text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Lets `body` write up to `maximum` bytes in place; it returns how many it wrote.
    @inline(__always)
    func write(_ maximum: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(UnsafeMutableBufferPointer(start: base + count, count: maximum))
    }

    func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// Appends valid UTF-8 as a quoted JSON string: quote, backslash and the controls (C0 and DEL)
    /// are escaped, everything else is copied as it is. Most text needs no escaping: checked eight
    /// bytes at a time, it is copied whole.
    func appendEscaped(_ text: UnsafeRawBufferPointer) {
        append(UInt8(ascii: "\""))
        if Self.mayNeedEscape(text) {
            var runStart = 0
            for index in text.indices {
                let byte = text[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                append(UnsafeRawBufferPointer(rebasing: text[runStart..<index]))
                runStart = index + 1
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    append(Self.lowercaseHexDigit(byte >> 4))
                    append(Self.lowercaseHexDigit(byte & 0xF))
                }
            }
            append(UnsafeRawBufferPointer(rebasing: text[runStart...]))
        } else {
            append(text)
        }
        append(UInt8(ascii: "\""))
    }

    /// Whether any byte of `text` may need escaping (no false negatives).
    private static func mayNeedEscape(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= text.count {
            if mayNeedEscape(text.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index += 8
        }
        guard index < text.count else { return false }
        // The last few bytes, padded with letters (which need no escaping) to a word.
        var tail: UInt64 = 0x4141_4141_4141_4141
        withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: text[index...])) }
        return mayNeedEscape(tail)
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

    private static func lowercaseHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumWidth`.
    func appendDigits(_ value: UInt64, minimumWidth: Int = 1) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let width = max(digits, minimumWidth)
        write(width) { buffer in
            var remaining = value
            var index = width
            while index > 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            return width
        }
    }

    /// Appends `rfc3339(nanoseconds)`.
    func appendRFC3339(_ nanoseconds: Int64) {
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
        func pad(_ value: Int64, _ width: Int) { appendDigits(UInt64(truncatingIfNeeded: value), minimumWidth: width) }
        pad(year, 4)
        append(UInt8(ascii: "-"))
        pad(month, 2)
        append(UInt8(ascii: "-"))
        pad(day, 2)
        append(UInt8(ascii: "T"))
        pad(secondOfDay / 3600, 2)
        append(UInt8(ascii: ":"))
        pad(secondOfDay / 60 % 60, 2)
        append(UInt8(ascii: ":"))
        pad(secondOfDay % 60, 2)
        append(UInt8(ascii: "."))
        pad(microseconds, 6)
        append(UInt8(ascii: "Z"))
    }
}

/// RFC 3339 UTC time with microseconds from nanoseconds since the epoch (no Foundation needed).
public func rfc3339(_ nanoseconds: Int64) -> String {
    let bytes = JSONBytes(capacity: 27)
    bytes.appendRFC3339(nanoseconds)
    return bytes.string
}
