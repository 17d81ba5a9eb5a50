import BinaryParsing
import EventModel

/// Application layer (IEEE 1815-2012 §4.2.2): control, function code, internal indications for
/// responses, then object headers (group, variation, qualifier, range) each followed by its objects.
enum DNP3Application {
    /// Application control octet (§4.2.2).
    static let firstFragment: UInt8 = 0x80
    static let finalFragment: UInt8 = 0x40
    static let sequenceMask: UInt8 = 0x0F

    /// IIN2 bits that make a response an error (§4.2.2): function code not supported, object
    /// unknown, parameter error.
    static let iin2NoFunctionCodeSupport: UInt8 = 0x01
    static let iin2ObjectUnknown: UInt8 = 0x02
    static let iin2ParameterError: UInt8 = 0x04

    struct Summary {
        var control: UInt8 = 0
        var function = DNP3FunctionCode.confirm
        var iin: UInt16 = 0
        var target = EventTarget()
        var anomaly: Anomaly?
        /// Open File with a g70v3 file command in read mode (1).
        var opensFileForReading = false
        /// Every object header walked was group 80 (internal indications).
        var onlyInternalIndications = true

        var sequence: UInt8 { control & DNP3Application.sequenceMask }
        var isFirstFragment: Bool { control & DNP3Application.firstFragment != 0 }

        var result: EventResult {
            guard function.carriesIIN else { return .absent }
            let iin2 = UInt8(truncatingIfNeeded: iin)
            var result: EventResult
            if iin2 & DNP3Application.iin2NoFunctionCodeSupport != 0 {
                result = .error(Int64(iin), "function code not supported")
            } else if iin2 & DNP3Application.iin2ObjectUnknown != 0 {
                result = .error(Int64(iin), "object unknown")
            } else if iin2 & DNP3Application.iin2ParameterError != 0 {
                result = .error(Int64(iin), "parameter error")
            } else {
                result = .ok
                result.code = Int64(iin)  // the raw IIN (IIN1 << 8 | IIN2), e.g. restart IIN1.7
            }
            return result
        }
    }

    /// Decodes a complete fragment. `nil` when it is too short to hold a function code (tshark then
    /// shows no `dnp3.al.func` either). Identity facts (group 0 device attributes) go to `events`.
    static func decode(_ fragment: ByteView, events: EventBatch) -> Summary? {
        guard fragment.count >= 2 else { return nil }
        var summary = Summary()
        summary.control = fragment[0]
        summary.function = DNP3FunctionCode(rawValue: fragment[1])
        var reader = ByteReader(fragment, offset: 2)
        if summary.function.carriesIIN {
            guard let iin = reader.readUInt16() else {
                summary.anomaly = Anomaly(DNP3Anomaly.truncatedFragment, "response without IIN")
                return summary
            }
            summary.iin = iin
        }
        if !summary.function.isKnown {
            summary.anomaly = Anomaly(DNP3Anomaly.unknownFunction, value: Int64(summary.function.rawValue))
            return summary
        }
        walkObjects(&reader, summary: &summary, events: events)
        return summary
    }

    /// Requests whose object headers name points but carry no object values (read, freeze, class and unsolicited requests).
    static func headersOnly(_ function: DNP3FunctionCode) -> Bool {
        switch function.rawValue {
        case 1, 7, 8, 9, 10, 20, 21, 22: true
        default: false
        }
    }

    /// Walks object headers (§4.2.2) while object sizes are known; the first header is the target.
    static func walkObjects(_ reader: inout ByteReader, summary: inout Summary, events: EventBatch) {
        let noValues = headersOnly(summary.function)
        var headers = 0
        while !reader.isAtEnd {
            guard headers < DNP3Limits.maximumObjectHeaders else {
                summary.anomaly = summary.anomaly ?? Anomaly(DNP3Anomaly.tooManyObjectHeaders)
                return
            }
            headers += 1
            guard let group = reader.readUInt8(), let variation = reader.readUInt8(),
                let qualifier = reader.readUInt8()
            else {
                summary.anomaly = summary.anomaly ?? Anomaly(DNP3Anomaly.malformedObject, "object header truncated")
                return
            }
            let prefixCode = (qualifier >> 4) & 0x07
            let rangeCode = qualifier & 0x0F
            var start: Int64 = -1
            var stop: Int64 = -1
            var count: Int64 = 0
            var countKnown = true
            var rangeComplete = true
            switch rangeCode {
            case 0, 1, 2:  // start and stop indexes of 1, 2 or 4 octets
                if let first = readIndex(&reader, size: rangeCode), let last = readIndex(&reader, size: rangeCode) {
                    start = first
                    stop = last
                    count = last >= first ? last - first + 1 : 0
                } else {
                    rangeComplete = false
                }
            case 3, 4, 5:  // virtual start address: the object count is not given
                if let address = readIndex(&reader, size: rangeCode - 3) {
                    start = address
                    stop = address
                } else {
                    rangeComplete = false
                }
                countKnown = false
            case 6:  // all objects, no range field
                count = 0
            case 7, 8, 9:  // object count of 1, 2 or 4 octets
                if let value = readIndex(&reader, size: rangeCode - 7) { count = value } else { rangeComplete = false }
            case 11:  // free format: 1-octet count, objects prefixed by their identifier size
                if let value = readIndex(&reader, size: 0) { count = value } else { rangeComplete = false }
            default:
                countKnown = false
            }
            guard rangeComplete else {
                summary.anomaly = summary.anomaly ?? Anomaly(DNP3Anomaly.malformedObject, "range truncated")
                return
            }
            let isFirst = headers == 1
            if group != 80 { summary.onlyInternalIndications = false }
            if isFirst {
                summary.target = EventTarget(kind: .dnp3Object, Int64(group), Int64(variation), start, stop)
                if (7...9).contains(rangeCode), prefixCode == 0, count > 0 {
                    summary.target.third = 0
                    summary.target.fourth = count - 1
                }
            }
            guard countKnown else { return }
            guard count > 0 else { continue }
            let size = noValues ? DNP3ObjectSize.Size.octets(0) : DNP3ObjectSize.of(group: group, variation: variation)
            guard
                walkObjectValues(
                    &reader, group: group, variation: variation, prefixCode: prefixCode, count: count, size: size,
                    isFirst: isFirst, summary: &summary, events: events)
            else { return }
        }
    }

    /// Skips (and where useful reads) the objects of one header; `false` stops the walk.
    static func walkObjectValues(
        _ reader: inout ByteReader, group: UInt8, variation: UInt8, prefixCode: UInt8, count: Int64,
        size: DNP3ObjectSize.Size, isFirst: Bool, summary: inout Summary, events: EventBatch
    ) -> Bool {
        if prefixCode == 0 {
            switch size {
            case .octets(let octets):
                guard octets > 0 else { return true }
                guard count <= Int64(reader.remaining / octets), reader.skip(Int(count) * octets) else {
                    return malformed(&summary, "objects reach past the fragment")
                }
                return true
            case .bits(let bits):
                guard count <= Int64(reader.remaining) * 8, reader.skip((Int(count) * bits + 7) / 8) else {
                    return malformed(&summary, "objects reach past the fragment")
                }
                return true
            case .deviceAttribute, .unknown:
                break
            }
        }
        guard prefixCode <= 6 else { return false }
        if case .bits = size { return false }  // packed bits cannot be prefixed
        var minimum = Int64.max
        var maximum = Int64.min
        var remaining = count
        while remaining > 0 {
            remaining -= 1
            var objectSize: Int
            switch prefixCode {
            case 1, 2, 3:
                guard let index = readIndex(&reader, size: prefixCode - 1) else {
                    return malformed(&summary, "object index truncated")
                }
                minimum = min(minimum, index)
                maximum = max(maximum, index)
                objectSize = -1
            case 4, 5, 6:
                guard let length = readIndex(&reader, size: prefixCode - 4) else {
                    return malformed(&summary, "object size truncated")
                }
                objectSize = Int(length)
            default:
                objectSize = -1
            }
            let objectStart = reader.offset
            if objectSize < 0 {
                switch size {
                case .octets(let octets): objectSize = octets
                case .deviceAttribute:
                    guard readDeviceAttribute(&reader, variation: variation, events: events) else {
                        return malformed(&summary, "device attribute truncated")
                    }
                    continue
                case .bits, .unknown: return false
                }
            }
            if group == 70, variation == 3, isFirst, objectSize >= 26 {
                readFileCommand(reader.view, at: objectStart, size: objectSize, summary: &summary, events: events)
            }
            guard reader.skip(objectSize) else { return malformed(&summary, "object reaches past the fragment") }
        }
        if isFirst, prefixCode >= 1, prefixCode <= 3, minimum <= maximum {
            summary.target.third = minimum
            summary.target.fourth = maximum
        }
        return true
    }

    /// g70v3 file command (Annex A, group 70): name offset and size, creation time, permissions,
    /// authentication key, file size, operational mode (1 read, 2 write, 3 append), maximum block
    /// size, request id, name. The file name becomes the target's text.
    static func readFileCommand(
        _ view: ByteView, at start: Int, size: Int, summary: inout Summary, events: EventBatch
    ) {
        if let mode = view.getUInt16(at: start + 20, bigEndian: false) {
            summary.opensFileForReading = summary.function == .openFile && mode == 1
        }
        guard let nameOffset = view.getUInt16(at: start, bigEndian: false),
            let nameSize = view.getUInt16(at: start + 2, bigEndian: false),
            Int(nameOffset) + Int(nameSize) <= size,
            let name = view.slice(from: start + Int(nameOffset), count: Int(nameSize))
        else { return }
        summary.target.text = events.text(name)
    }

    /// Group 0 device attribute (Annex A, group 0): data type, length, value; a few name the device.
    static func readDeviceAttribute(_ reader: inout ByteReader, variation: UInt8, events: EventBatch) -> Bool {
        guard reader.readUInt8() != nil, let length = reader.readUInt8(),
            let value = reader.readView(count: Int(length))
        else { return false }
        let key: IdentityKey? =
            switch variation {
            case 252: .vendor
            case 250: .product
            case 242: .firmware
            case 243: .hardware
            case 248: .serial
            case 247: .name
            default: nil
            }
        if let key { events.addFact(key, events.text(value)) }
        return true
    }

    /// An index, count or size of 1, 2 or 4 octets (size code 0, 1, 2), little-endian (§4.2.2).
    @inline(__always)
    static func readIndex(_ reader: inout ByteReader, size: UInt8) -> Int64? {
        switch size {
        case 0: reader.readUInt8().map { Int64($0) }
        case 1: reader.readUInt16(bigEndian: false).map { Int64($0) }
        case 2: reader.readUInt32(bigEndian: false).map { Int64($0) }
        default: nil
        }
    }

    static func malformed(_ summary: inout Summary, _ detail: StaticString) -> Bool {
        summary.anomaly = summary.anomaly ?? Anomaly(DNP3Anomaly.malformedObject, detail)
        return false
    }
}
