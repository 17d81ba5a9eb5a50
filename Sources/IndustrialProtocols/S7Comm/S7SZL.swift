import BinaryParsing
import EventModel

/// System status lists (SZL) read with userdata group 4 subfunction 1 (packet-s7comm_szl_ids.c).
/// The request data holds SZL id and index; the first response fragment adds the record length
/// ("partial list length"), the record count and the records.
struct S7SZLRequest {
    var id: UInt16
    var index: UInt16

    static func parse(_ payload: ByteView) -> S7SZLRequest? {
        guard let id = payload.getUInt16(at: 0), let index = payload.getUInt16(at: 2) else { return nil }
        return S7SZLRequest(id: id, index: index)
    }
}

struct S7SZLResponse {
    var id: UInt16
    var index: UInt16
    var recordLength: Int
    var recordCount: Int
    var records: ByteView

    static func parse(_ payload: ByteView) -> S7SZLResponse? {
        var reader = ByteReader(payload)
        guard let id = reader.readUInt16(), let index = reader.readUInt16(), let length = reader.readUInt16(),
            let count = reader.readUInt16()
        else { return nil }
        return S7SZLResponse(
            id: id, index: index, recordLength: Int(length), recordCount: Int(count), records: reader.rest)
    }

    /// Adds the identity facts the records hold to the batch (for the event being built).
    func addIdentityFacts(to events: EventBatch) {
        switch id & 0x00FF {
        case 0x11: moduleIdentification(events)
        case 0x1C: componentIdentification(events)
        default: break
        }
        if id == 0x0424 { modeFact(events) }
    }

    /// Records as (index, body) pairs. A record length or count of 0 (Snap7's server sends both
    /// for 0x001C) falls back to `defaultLength` and to as many records as fit.
    private func forEachRecord(defaultLength: Int, minimumLength: Int, _ body: (Int, Int, ByteView) -> Void) {
        let length = recordLength >= minimumLength ? recordLength : defaultLength
        guard length > 0 else { return }
        let fitting = records.count / length
        let count = recordCount > 0 ? min(recordCount, fitting) : fitting
        for position in 0..<min(count, 64) {
            guard let record = records.slice(from: position * length, count: length) else { return }
            body(position, Int(record.getUInt16(at: 0) ?? 0), record)
        }
    }

    /// SZL xy11, module identification (S7-300/400 System Software manual, SZL-ID W#16#xy11):
    /// index (2), MlfB order number (20), BGTyp (2), Ausbg (2), Ausbe (2). Index 1 is the module,
    /// 6 the basic hardware, 7 the basic firmware. Snap7 servers omit Ausbe (26-byte records).
    private func moduleIdentification(_ events: EventBatch) {
        forEachRecord(defaultLength: 28, minimumLength: 22) { _, index, record in
            let orderNumber = record.slice(from: 2, count: 20)?.trimmedText() ?? .empty
            let version = Self.version(ausbg: record.getUInt16(at: 24), ausbe: record.getUInt16(at: 26))
            switch index {
            case 0x0001:
                events.addFact(.orderNumber, events.text(orderNumber))
            case 0x0006:
                if let version { events.addFact(.hardware, version.text(in: events)) }
            case 0x0007:
                if let version { events.addFact(.firmware, version.text(in: events)) }
            default:
                break
            }
        }
    }

    /// Ausbg/Ausbe as "V x.y.z": firmware records put 'V' in the high byte of Ausbg and the major
    /// version in its low byte, minor and patch in Ausbe; hardware records put the version in Ausbe.
    static func version(ausbg: UInt16?, ausbe: UInt16?) -> TextBuilder? {
        var text = TextBuilder()
        text.append("V")
        if let ausbg, ausbg >> 8 == UInt16(UInt8(ascii: "V")) {
            text.append(Int(ausbg & 0xFF))
            if let ausbe {
                text.append(".")
                text.append(Int(ausbe >> 8))
                text.append(".")
                text.append(Int(ausbe & 0xFF))
            }
            return text
        }
        if let ausbe, ausbe != 0 {
            text.append(Int(ausbe))
            return text
        }
        if let ausbg, ausbg != 0 {
            text.append(Int(ausbg >> 8))
            text.append(".")
            text.append(Int(ausbg & 0xFF))
            return text
        }
        return nil
    }

    /// SZL xy1C, component identification: index (2), 32 characters (index 3 plant id: 32; index
    /// 5 serial number: 24 + reserved). Index 1 AS name, 2 module name, 3 plant id, 4 copyright,
    /// 5 serial number, 7 module type name, 8 memory card serial, 9 manufacturer/profile,
    /// 0x0A OEM id, 0x0B location id. Snap7 servers send index 0 in every record: the position
    /// then gives the index in the order a CPU answers index 0 (1, 2, 3, 4, 5, 7, 8, 9, 10, 11).
    private func componentIdentification(_ events: EventBatch) {
        forEachRecord(defaultLength: 34, minimumLength: 34) { position, recordIndex, record in
            var index = recordIndex
            if index == 0 {
                index = position < 5 ? position + 1 : position + 2
            }
            let value = record.slice(from: 2, count: record.count - 2)?.trimmedText() ?? .empty
            switch index {
            case 1: events.addFact(.name, events.text(value))
            case 2: events.addFact(.moduleName, events.text(value))
            case 3: events.addFact(.plantID, events.text(value))
            case 4: events.addFact(.copyright, events.text(value))
            case 5: events.addFact(.serial, events.text(value))
            case 7: events.addFact(.model, events.text(value))
            default: break
            }
        }
    }

    /// SZL 0x0424, current mode: ereig (2), ae (1), bzu-id (1) whose low nibble is the mode
    /// (1–4 STOP variants, 5–7 STARTUP, 8 RUN, 9 RUN redundant, 0x0A HOLD), as Snap7 reads it.
    private func modeFact(_ events: EventBatch) {
        forEachRecord(defaultLength: 20, minimumLength: 4) { position, _, record in
            guard position == 0, let mode = record.getUInt8(at: 3) else { return }
            var text = TextBuilder()
            text.append("mode=")
            switch mode & 0x0F {
            case 1...4: text.append("stop")
            case 5...7: text.append("startup")
            case 8, 9: text.append("run")
            case 0x0A: text.append("hold")
            default: text.append("unknown")
            }
            events.addFact(.other, text.text(in: events))
        }
    }
}
