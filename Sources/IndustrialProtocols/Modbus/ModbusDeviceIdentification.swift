import BinaryParsing
import EventModel

/// Read Device Identification response, function 43 / MEI type 14 (Application Protocol v1.1b3
/// §6.21):
///
///     MEI type 0x0E | read device ID code | conformity level | more follows | next object id |
///     number of objects | { object id | object length | object value } …
public enum ModbusDeviceIdentification {
    /// The identity key of the basic (0–2) and regular (3–6) objects of §6.21; reserved (7–0x7F)
    /// and private (0x80–0xFF) objects have none.
    public static func identityKey(objectID: UInt8) -> IdentityKey? {
        switch objectID {
        case 0x00: .vendor  // VendorName
        case 0x01: .productCode  // ProductCode
        case 0x02: .firmware  // MajorMinorRevision
        case 0x03: .url  // VendorUrl
        case 0x04: .product  // ProductName
        case 0x05: .model  // ModelName
        case 0x06: .applicationName  // UserApplicationName
        default: nil
        }
    }

    /// Adds each object's value (trailing padding trimmed) to `events` as an identity fact: the
    /// known objects under their keys, the first printable other object as `other`. A key appears
    /// once per event. `data` is the PDU after the function code. Returns an anomaly when the object
    /// list ends early.
    public static func addFacts(from data: ByteView, to events: EventBatch) -> Anomaly? {
        var reader = ByteReader(data)
        guard reader.readUInt8() == ModbusEncapsulatedInterfaceType.readDeviceIdentification.rawValue,
            reader.skip(4),  // read device ID code, conformity level, more follows, next object id
            let numberOfObjects = reader.readUInt8()
        else { return Anomaly(ModbusAnomaly.truncatedPDU) }
        var keysAdded: UInt64 = 0
        // A `while`, not `for _ in 0..<count`: unoptimized builds step a range through the generic
        // iterator, which allocates.
        var remaining = numberOfObjects
        while remaining > 0 {
            remaining -= 1
            guard let objectID = reader.readUInt8(), let length = reader.readUInt8(),
                let value = reader.readView(count: Int(length))
            else { return Anomaly(ModbusAnomaly.truncatedPDU) }
            let text = ModbusText.trimmed(value)
            let key: IdentityKey
            if let known = identityKey(objectID: objectID) {
                key = known
            } else if ModbusText.isPrintable(text) {
                key = .other
            } else {
                continue
            }
            let bit: UInt64 = 1 << UInt64(key.rawValue & 63)
            guard keysAdded & bit == 0, !text.isEmpty else { continue }
            keysAdded |= bit
            events.addFact(key, events.text(text))
        }
        return nil
    }
}
