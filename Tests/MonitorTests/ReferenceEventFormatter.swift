import EventModel
import PacketLayers

// The event formatter, JSON writer and address printing as they were before the formatter wrote
// bytes (commit e3547d6), kept verbatim but for names: the reference the fast formatter must
// match byte for byte (FormatterEquivalenceTests).

enum ReferenceEventFormatter {
    static let schema = "palisade.event/1"

    static func jsonLine(_ event: ProtocolEvent, in batch: EventBatch) -> String {
        var json = ReferenceJSONWriter()
        json.beginObject()
        json.field("schema", schema)
        json.field("frame", event.frame)
        json.field("ts", referenceRFC3339(event.timestamp))
        if event.isLayer2 {
            json.field("src", event.sourceMAC.referenceDescription)
            json.field("dst", event.destinationMAC.referenceDescription)
        } else {
            json.field("src", event.source.referenceDescription)
            json.field("dst", event.destination.referenceDescription)
        }
        if event.hasPorts {
            json.field("src_port", event.sourcePort)
            json.field("dst_port", event.destinationPort)
        }
        if event.hasMACs {
            json.field("src_mac", event.sourceMAC.referenceDescription)
            json.field("dst_mac", event.destinationMAC.referenceDescription)
        }
        if event.hasVLAN { json.field("vlan", event.vlan) }
        json.field("protocol", event.protocolID.name)
        if event.function >= 0 {
            json.field("function", event.function)
            if event.functionGroup >= 0 { json.field("function_group", event.functionGroup) }
            if event.subfunction >= 0 { json.field("subfunction", event.subfunction) }
        }
        let name = event.functionName.description
        if !name.isEmpty { json.field("function_name", name) }
        json.field("direction", event.direction.name)
        if event.operation != .none { json.field("operation", event.operation.name) }
        writeTarget(event.target, batch: batch, into: &json)
        switch event.result.status {
        case .absent: break
        case .ok: json.field("result", "ok")
        case .error:
            json.key("result")
            json.beginObject()
            json.field("code", event.result.code)
            let errorName = event.result.name.description
            if !errorName.isEmpty { json.field("name", errorName) }
            json.endObject()
        }
        let facts = batch.facts(of: event)
        if facts.contains(where: { $0.subject == .source }) {
            json.key("identity")
            json.beginObject()
            // A key can repeat (NTLM names a host by NetBIOS and DNS name): its values become an array.
            var written: [IdentityKey] = []
            for fact in facts where fact.subject == .source && !written.contains(fact.key) {
                written.append(fact.key)
                let values = facts.filter { $0.subject == .source && $0.key == fact.key }
                if values.count == 1 {
                    json.field(fact.key.name, batch.string(fact.value))
                } else {
                    json.key(fact.key.name)
                    json.beginArray()
                    for value in values { json.value(batch.string(value.value)) }
                    json.endArray()
                }
            }
            json.endObject()
        }
        if facts.contains(where: { $0.subject != .source }) {
            // Facts about a host other than the sender (a DNS answer, a DHCP lease, TLS SNI).
            json.key("related_identity")
            json.beginArray()
            for fact in facts where fact.subject != .source {
                json.beginObject()
                json.field("subject", subjectText(fact.subject, of: event))
                json.field("key", fact.key.name)
                json.field("value", batch.string(fact.value))
                json.endObject()
            }
            json.endArray()
        }
        if let anomaly = event.anomaly {
            json.key("anomaly")
            json.beginObject()
            json.field("kind", anomaly.kind.name)
            let detail = anomaly.detail.description
            if !detail.isEmpty { json.field("detail", detail) }
            json.endObject()
        }
        json.endObject()
        return json.output
    }

    static func subjectText(_ subject: FactSubject, of event: ProtocolEvent) -> String {
        switch subject {
        case .source: event.isLayer2 ? event.sourceMAC.referenceDescription : event.source.referenceDescription
        case .destination:
            event.isLayer2 ? event.destinationMAC.referenceDescription : event.destination.referenceDescription
        case .address(let address): address.referenceDescription
        case .mac(let mac): mac.referenceDescription
        }
    }

    static func writeTarget(_ target: EventTarget, batch: EventBatch, into json: inout ReferenceJSONWriter) {
        guard target.kind != .none else { return }
        json.key("target")
        json.beginObject()
        func number(_ key: String, _ value: Int64) { if value >= 0 { json.field(key, value) } }
        let text = batch.string(target.text)
        switch target.kind {
        case .none: break
        case .modbusRange:
            let tables = ["coils", "discrete_inputs", "", "input_registers", "holding_registers"]
            let table = target.first >= 0 && target.first < tables.count ? tables[Int(target.first)] : ""
            if !table.isEmpty { json.field("table", table) }
            number("start", target.second)
            number("count", target.third)
            if target.fourth >= 0 { number("unit", target.fourth) }
        case .s7Address:
            number("area", target.first)
            number("db", target.second)
            number("address", target.third)
            number("length", target.fourth)
        case .s7Block:
            number("block_type", target.first)
            number("block_number", target.second)
        case .s7SZL:
            number("szl_id", target.first)
            number("szl_index", target.second)
        case .cipPath:
            number("class", target.first)
            number("instance", target.second)
            number("attribute", target.third)
        case .dnp3Object:
            number("group", target.first)
            number("variation", target.second)
            number("start", target.third)
            number("stop", target.fourth)
        case .iec104Object:
            number("common_address", target.first)
            number("ioa", target.second)
        case .bacnetObject:
            number("object_type", target.first)
            number("instance", target.second)
            number("property", target.third)
            number("array_index", target.fourth)
        case .opcuaNode: break
        case .mqttTopic: break
        case .text: break
        }
        if !text.isEmpty {
            switch target.kind {
            case .cipPath: json.field("tag", text)
            case .opcuaNode: json.field("node", text)
            case .mqttTopic: json.field("topic", text)
            default: json.field("text", text)
            }
        }
        json.endObject()
    }
}

struct ReferenceJSONWriter {
    private(set) var output = ""
    private var needsComma: [Bool] = [false]

    init() {}

    mutating func beginObject() {
        separator()
        output += "{"
        needsComma.append(false)
    }

    mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    mutating func beginArray() {
        separator()
        output += "["
        needsComma.append(false)
    }

    mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    mutating func key(_ name: String) {
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

    mutating func value(_ text: String) {
        separator()
        Self.appendEscaped(text, to: &output)
        needsComma[needsComma.count - 1] = true
    }

    mutating func value<T: BinaryInteger>(_ number: T) {
        separator()
        output += String(number)
        needsComma[needsComma.count - 1] = true
    }

    mutating func value(_ number: Double) {
        separator()
        output += number.isFinite ? String(number) : "null"
        needsComma[needsComma.count - 1] = true
    }

    mutating func value(_ flag: Bool) {
        separator()
        output += flag ? "true" : "false"
        needsComma[needsComma.count - 1] = true
    }

    mutating func null() {
        separator()
        output += "null"
        needsComma[needsComma.count - 1] = true
    }

    mutating func field(_ name: String, _ text: String) {
        key(name)
        value(text)
    }

    mutating func field<T: BinaryInteger>(_ name: String, _ number: T) {
        key(name)
        value(number)
    }

    static func appendEscaped(_ text: String, to output: inout String) {
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

func referenceRFC3339(_ nanoseconds: Int64) -> String {
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

extension MACAddress {
    var referenceDescription: String {
        (0..<6).map { index in
            let byte = UInt8(truncatingIfNeeded: rawValue >> UInt64(40 - 8 * index))
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined(separator: ":")
    }
}

extension IPAddress {
    var referenceDescription: String {
        if isIPv4 {
            let value = ipv4Value
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        }
        var groups: [UInt16] = []
        for index in 0..<4 { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(48 - 16 * index))) }
        for index in 0..<4 { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(48 - 16 * index))) }
        // RFC 5952: compress the longest run (≥ 2) of zero groups.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength && end - index >= 2 { (bestStart, bestLength) = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
