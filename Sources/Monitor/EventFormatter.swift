import EventModel
import PacketLayers

/// Turns events into `palisade.event/1` JSON lines (docs/events.md). Only here do events become text.
public enum EventFormatter {
    public static let schema = "palisade.event/1"

    public static func jsonLine(_ event: ProtocolEvent, in batch: EventBatch) -> String {
        var prefixLength = 0
        return jsonLine(event, in: batch, prefixLength: &prefixLength)
    }

    /// The line, and in `prefixLength` how many of its bytes come before the comma that follows
    /// the part `writeLinePrefix` rebuilds from a stored event's columns (schema to MAC addresses):
    /// a store can drop them without formatting them again to compare.
    public static func jsonLine(_ event: ProtocolEvent, in batch: EventBatch, prefixLength: inout Int) -> String {
        var json = JSONWriter()
        prefixLength = writeLine(event, in: batch, into: &json)
        return json.output
    }

    /// Writes the line (without a newline) into an empty `json` and returns its prefix length
    /// (as `jsonLine(_:in:prefixLength:)`): for callers that copy the bytes and reuse the writer.
    @discardableResult
    public static func writeLine(_ event: ProtocolEvent, in batch: EventBatch, into json: inout JSONWriter) -> Int {
        var prefixLength = 0
        json.beginObject()
        json.field(static: "schema", schema)
        json.field(static: "frame", event.frame)
        json.key(static: "ts")
        json.value(rfc3339: event.timestamp)
        if event.isLayer2 {
            json.key(static: "src")
            json.value(event.sourceMAC)
            json.key(static: "dst")
            json.value(event.destinationMAC)
        } else {
            json.key(static: "src")
            json.value(event.source)
            json.key(static: "dst")
            json.value(event.destination)
        }
        if event.hasPorts {
            json.field(static: "src_port", event.sourcePort)
            json.field(static: "dst_port", event.destinationPort)
        }
        if event.hasMACs {
            json.key(static: "src_mac")
            json.value(event.sourceMAC)
            json.key(static: "dst_mac")
            json.value(event.destinationMAC)
        }
        prefixLength = json.byteCount
        if event.hasVLAN { json.field(static: "vlan", event.vlan) }
        json.field(static: "protocol", event.protocolID.staticName)
        if event.function >= 0 {
            json.field(static: "function", event.function)
            if event.functionGroup >= 0 { json.field(static: "function_group", event.functionGroup) }
            if event.subfunction >= 0 { json.field(static: "subfunction", event.subfunction) }
        }
        if !isEmpty(event.functionName) { json.field(static: "function_name", event.functionName) }
        json.field(static: "direction", event.direction.name)
        if event.operation != .none { json.field(static: "operation", event.operation.name) }
        writeTarget(event.target, batch: batch, into: &json)
        switch event.result.status {
        case .absent: break
        case .ok: json.field(static: "result", "ok" as StaticString)
        case .error:
            json.key(static: "result")
            json.beginObject()
            json.field(static: "code", event.result.code)
            if !isEmpty(event.result.name) { json.field(static: "name", event.result.name) }
            json.endObject()
        }
        let facts = batch.facts(of: event)
        if facts.contains(where: { $0.subject == .source }) {
            json.key(static: "identity")
            json.beginObject()
            // A key can repeat (NTLM names a host by NetBIOS and DNS name): its values become an array.
            for index in facts.indices where facts[index].subject == .source {
                let key = facts[index].key
                let isRepeat = facts[facts.startIndex..<index].contains { $0.subject == .source && $0.key == key }
                if isRepeat { continue }
                json.key(key.name)
                let isArray = facts[(index + 1)...].contains { $0.subject == .source && $0.key == key }
                if isArray {
                    json.beginArray()
                    for fact in facts[index...] where fact.subject == .source && fact.key == key {
                        writeText(fact.value, batch: batch, into: &json)
                    }
                    json.endArray()
                } else {
                    writeText(facts[index].value, batch: batch, into: &json)
                }
            }
            json.endObject()
        }
        if facts.contains(where: { $0.subject != .source }) {
            // Facts about a host other than the sender (a DNS answer, a DHCP lease, TLS SNI).
            json.key(static: "related_identity")
            json.beginArray()
            for fact in facts where fact.subject != .source {
                json.beginObject()
                json.key(static: "subject")
                writeSubject(fact.subject, of: event, into: &json)
                json.field(static: "key", fact.key.name)
                json.key(static: "value")
                writeText(fact.value, batch: batch, into: &json)
                json.endObject()
            }
            json.endArray()
        }
        if let anomaly = event.anomaly {
            json.key(static: "anomaly")
            json.beginObject()
            json.field(static: "kind", anomaly.kind.staticName)
            if !isEmpty(anomaly.detail) { json.field(static: "detail", anomaly.detail) }
            json.endObject()
        }
        json.endObject()
        return prefixLength
    }

    static func isEmpty(_ text: StaticString) -> Bool { text.withUTF8Buffer { $0.isEmpty } }

    /// Arena text as a JSON string, without an intermediate `String` when it is ASCII.
    static func writeText(_ text: TextRef, batch: EventBatch, into json: inout JSONWriter) {
        batch.withBytes(text) { json.value(decodingUTF8: $0) }
    }

    static func writeSubject(_ subject: FactSubject, of event: ProtocolEvent, into json: inout JSONWriter) {
        switch subject {
        case .source: event.isLayer2 ? json.value(event.sourceMAC) : json.value(event.source)
        case .destination: event.isLayer2 ? json.value(event.destinationMAC) : json.value(event.destination)
        case .address(let address): json.value(address)
        case .mac(let mac): json.value(mac)
        }
    }

    static func subjectText(_ subject: FactSubject, of event: ProtocolEvent) -> String {
        switch subject {
        case .source: event.isLayer2 ? event.sourceMAC.description : event.source.description
        case .destination: event.isLayer2 ? event.destinationMAC.description : event.destination.description
        case .address(let address): address.description
        case .mac(let mac): mac.description
        }
    }

    static func writeTarget(_ target: EventTarget, batch: EventBatch, into json: inout JSONWriter) {
        guard target.kind != .none else { return }
        json.key(static: "target")
        json.beginObject()
        func number(_ key: StaticString, _ value: Int64) { if value >= 0 { json.field(static: key, value) } }
        switch target.kind {
        case .none: break
        case .modbusRange:
            switch target.first {
            case 0: json.field(static: "table", "coils")
            case 1: json.field(static: "table", "discrete_inputs")
            case 3: json.field(static: "table", "input_registers")
            case 4: json.field(static: "table", "holding_registers")
            default: break
            }
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
        if batch.withBytes(target.text, { !$0.isEmpty }) {
            switch target.kind {
            case .cipPath: json.key(static: "tag")
            case .opcuaNode: json.key(static: "node")
            case .mqttTopic: json.key(static: "topic")
            default: json.key(static: "text")
            }
            writeText(target.text, batch: batch, into: &json)
        }
        json.endObject()
    }
}
