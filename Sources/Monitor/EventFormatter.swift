import EventModel
import PacketLayers

/// Turns events into `palisade.event/1` JSON lines (docs/events.md). Only here do events become text.
public enum EventFormatter {
    public static let schema = "palisade.event/1"

    public static func jsonLine(_ event: ProtocolEvent, in batch: EventBatch) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("schema", schema)
        json.field("frame", event.frame)
        json.field("ts", rfc3339(event.timestamp))
        if event.isLayer2 {
            json.field("src", event.sourceMAC.description)
            json.field("dst", event.destinationMAC.description)
        } else {
            json.field("src", event.source.description)
            json.field("dst", event.destination.description)
        }
        if event.hasPorts {
            json.field("src_port", event.sourcePort)
            json.field("dst_port", event.destinationPort)
        }
        if event.hasMACs {
            json.field("src_mac", event.sourceMAC.description)
            json.field("dst_mac", event.destinationMAC.description)
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
        case .source: event.isLayer2 ? event.sourceMAC.description : event.source.description
        case .destination: event.isLayer2 ? event.destinationMAC.description : event.destination.description
        case .address(let address): address.description
        case .mac(let mac): mac.description
        }
    }

    static func writeTarget(_ target: EventTarget, batch: EventBatch, into json: inout JSONWriter) {
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
