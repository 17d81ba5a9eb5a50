/// A small, ordered JSON writer: reports keep their keys in a stable, documented order, and
/// strings from the wire are escaped whatever bytes they hold.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    public init() {}

    public mutating func beginObject() {
        separator()
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    public mutating func beginArray() {
        separator()
        output += "["
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    public mutating func key(_ name: String) {
        separator()
        Self.appendEscaped(name, to: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
        pendingValue = true
    }

    private var pendingValue = false

    private mutating func separator() {
        if pendingValue {
            pendingValue = false
            needsComma[needsComma.count - 1] = true
            return
        }
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func value(_ text: String) {
        separator()
        Self.appendEscaped(text, to: &output)
        needsComma[needsComma.count - 1] = true
    }

    public mutating func value<T: BinaryInteger>(_ number: T) {
        separator()
        output += String(number)
        needsComma[needsComma.count - 1] = true
    }

    public mutating func value(_ number: Double) {
        separator()
        output += number.isFinite ? String(number) : "null"
        needsComma[needsComma.count - 1] = true
    }

    public mutating func value(_ flag: Bool) {
        separator()
        output += flag ? "true" : "false"
        needsComma[needsComma.count - 1] = true
    }

    public mutating func null() {
        separator()
        output += "null"
        needsComma[needsComma.count - 1] = true
    }

    public mutating func field(_ name: String, _ text: String) {
        key(name)
        value(text)
    }

    public mutating func field<T: BinaryInteger>(_ name: String, _ number: T) {
        key(name)
        value(number)
    }

    public static func appendEscaped(_ text: String, to output: inout String) {
        output += "\""
        // Most strings need no escaping: append them whole (scalar by scalar is ten times slower).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20 || control.value == 0x7F:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// RFC 3339 UTC time with microseconds from nanoseconds since the epoch (no Foundation needed).
public func rfc3339(_ nanoseconds: Int64) -> String {
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
    func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
    return
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(microseconds, 6))Z"
}
