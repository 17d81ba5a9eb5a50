import BinaryParsing
import EventModel

/// The Identity object's instance attributes 1–7 as they appear in a ListIdentity item (CIP Vol. 2
/// §2-4.3.2) and in a Get_Attributes_All reply (CIP Vol. 1 §5A-2.2): vendor, device type, product
/// code, revision, status, serial number, product name.
struct IdentityRecord {
    var vendorID: UInt16 = 0
    var deviceType: UInt16 = 0
    var productCode: UInt16 = 0
    var revisionMajor: UInt8 = 0
    var revisionMinor: UInt8 = 0
    var status: UInt16 = 0
    var serialNumber: UInt32 = 0
    var productName = ByteView.empty
    /// Bit n set: attribute n was read (a Get_Attribute_List reply may hold only some).
    var present: UInt16 = 0xFFFF

    /// Reads the fields from `reader`; `nil` when they are cut short (the product name may be
    /// shorter than its length byte says, as some devices send it: then it is what is there).
    static func read(_ reader: inout ByteReader) -> IdentityRecord? {
        var record = IdentityRecord()
        guard let vendor = reader.readUInt16(bigEndian: false),
            let deviceType = reader.readUInt16(bigEndian: false),
            let productCode = reader.readUInt16(bigEndian: false),
            let major = reader.readUInt8(), let minor = reader.readUInt8(),
            let status = reader.readUInt16(bigEndian: false),
            let serial = reader.readUInt32(bigEndian: false),
            let nameLength = reader.readUInt8()
        else { return nil }
        record.vendorID = vendor
        record.deviceType = deviceType
        record.productCode = productCode
        record.revisionMajor = major
        record.revisionMinor = minor
        record.status = status
        record.serialNumber = serial
        let available = min(Int(nameLength), reader.remaining)
        record.productName = reader.readView(count: available) ?? .empty
        return record
    }

    /// A Get_Attribute_List reply on the Identity object (CIP Vol. 1 §4-4.1): count, then per
    /// attribute its id, status and (on success) value. `nil` unless it holds the vendor id.
    /// Stops at the first attribute whose size is not known.
    static func readAttributeList(_ reader: inout ByteReader) -> IdentityRecord? {
        guard let count = reader.readUInt16(bigEndian: false) else { return nil }
        var record = IdentityRecord()
        record.present = 0
        var hasVendor = false
        for _ in 0..<min(Int(count), 16) {
            guard let attribute = reader.readUInt16(bigEndian: false), let status = reader.readUInt16(bigEndian: false)
            else { break }
            guard status == 0 else { continue }
            if attribute < 16 { record.present |= 1 << attribute }
            switch attribute {
            case 1:
                guard let value = reader.readUInt16(bigEndian: false) else { return hasVendor ? record : nil }
                record.vendorID = value
                hasVendor = true
            case 2:
                guard let value = reader.readUInt16(bigEndian: false) else { return hasVendor ? record : nil }
                record.deviceType = value
            case 3:
                guard let value = reader.readUInt16(bigEndian: false) else { return hasVendor ? record : nil }
                record.productCode = value
            case 4:
                guard let major = reader.readUInt8(), let minor = reader.readUInt8() else {
                    return hasVendor ? record : nil
                }
                record.revisionMajor = major
                record.revisionMinor = minor
            case 5:
                guard let value = reader.readUInt16(bigEndian: false) else { return hasVendor ? record : nil }
                record.status = value
            case 6:
                guard let value = reader.readUInt32(bigEndian: false) else { return hasVendor ? record : nil }
                record.serialNumber = value
            case 7:
                guard let length = reader.readUInt8() else { return hasVendor ? record : nil }
                record.productName = reader.readView(count: min(Int(length), reader.remaining)) ?? .empty
            default:
                return hasVendor ? record : nil
            }
        }
        return hasVendor ? record : nil
    }

    /// Adds the facts to the batch (the caller brackets them with the event's identity range).
    func addFacts(_ events: EventBatch) {
        guard events.isCollecting else { return }
        if present & (1 << 1) != 0 {
            events.addFact(.vendorID, FactText.decimal(UInt64(vendorID), events))
            if let name = CIPVendorTable.name(of: vendorID) { events.addFact(.vendor, events.text(name)) }
        }
        if present & (1 << 2) != 0 { events.addFact(.deviceType, FactText.decimal(UInt64(deviceType), events)) }
        if present & (1 << 3) != 0 { events.addFact(.productCode, FactText.decimal(UInt64(productCode), events)) }
        if present & (1 << 4) != 0 {
            events.addFact(.firmware, FactText.revision(revisionMajor, revisionMinor, events))
        }
        if present & (1 << 6) != 0 { events.addFact(.serial, FactText.hex32(serialNumber, events)) }
        if present & (1 << 7) != 0, !productName.isEmpty { events.addFact(.product, events.text(productName)) }
    }
}

/// Numbers written straight into the batch arena (no `String` on the packet path).
enum FactText {
    private static let digits: StaticString = "0123456789abcdef"

    static func decimal(_ value: UInt64, _ events: EventBatch) -> TextRef {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var count = 0
            appendDecimal(value, buffer, &count)
            return events.text(ByteView(base: UnsafeRawPointer(buffer.baseAddress), count: count))
        }
    }

    /// "0x" and eight lower-case hex digits, as ICSNPP writes serial numbers.
    static func hex32(_ value: UInt32, _ events: EventBatch) -> TextRef {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "x")
            for index in 0..<8 {
                let nibble = Int((value >> UInt32(28 - 4 * index)) & 0xF)
                buffer[2 + index] = digits.utf8Start[nibble]
            }
            return events.text(ByteView(base: UnsafeRawPointer(buffer.baseAddress), count: 10))
        }
    }

    /// "major.minor" (e.g. "20.11").
    static func revision(_ major: UInt8, _ minor: UInt8, _ events: EventBatch) -> TextRef {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { buffer in
            var count = 0
            appendDecimal(UInt64(major), buffer, &count)
            buffer[count] = UInt8(ascii: ".")
            count += 1
            appendDecimal(UInt64(minor), buffer, &count)
            return events.text(ByteView(base: UnsafeRawPointer(buffer.baseAddress), count: count))
        }
    }

    private static func appendDecimal(_ value: UInt64, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int)
    {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            buffer[count] = UInt8(ascii: "0") + UInt8((value / divisor) % 10)
            count += 1
            divisor /= 10
        }
    }
}

extension CIPVendorTable {
    /// The vendor's name from the embedded table, as a view of the static text.
    static func name(of vendorID: UInt16) -> ByteView? {
        let table = ByteView(base: UnsafeRawPointer(lines.utf8Start), count: lines.utf8CodeUnitCount)
        var lineStart = 0
        while lineStart < table.count {
            let lineEnd = table.firstIndex(of: 0x0A, from: lineStart) ?? table.count
            var index = lineStart
            var id = 0
            while index < lineEnd, let byte = table.getUInt8(at: index), byte >= 0x30, byte <= 0x39 {
                id = id * 10 + Int(byte - 0x30)
                index += 1
            }
            if id == Int(vendorID), index < lineEnd, table[index] == 0x09 {
                return table.slice(from: index + 1, count: lineEnd - index - 1)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }
}
