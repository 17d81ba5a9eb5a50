import BinaryParsing

/// One BACnet tag (ASHRAE 135 §20.2.1): a primitive value, or an opening/closing tag of a constructed one.
struct BACnetTag {
    enum Kind { case primitive, opening, closing }

    var number: UInt8
    var isContext: Bool
    var kind: Kind
    /// The length/value/type bits of the initial octet: for application booleans it is the value.
    var lengthValueType: UInt8
    /// The content octets (empty for opening/closing tags and application booleans).
    var value: ByteView

    func isContext(_ tagNumber: UInt8) -> Bool { isContext && kind == .primitive && number == tagNumber }
    func isApplication(_ type: BACnetApplicationTag) -> Bool {
        !isContext && kind == .primitive && number == type.rawValue
    }
    func isOpening(_ tagNumber: UInt8) -> Bool { isContext && kind == .opening && number == tagNumber }

    /// Unsigned, enumerated and property-identifier content (§20.2.4, §20.2.11): 1…8 big-endian octets.
    var unsigned: UInt64? {
        guard value.count >= 1, value.count <= 8 else { return nil }
        var result: UInt64 = 0
        for index in 0..<value.count { result = result << 8 | UInt64(value[index]) }
        return result
    }

    /// An object identifier (§20.2.14): object type in the high 10 bits, instance in the low 22.
    var objectIdentifier: (type: Int64, instance: Int64)? {
        guard value.count == 4, let raw = value.getUInt32(at: 0) else { return nil }
        return (Int64(raw >> 22), Int64(raw & 0x3F_FFFF))
    }
}

/// Application tag numbers (§20.2.1.4).
enum BACnetApplicationTag: UInt8 {
    case null = 0
    case boolean, unsignedInteger, signedInteger, real, double, octetString, characterString, bitString,
        enumerated, date, time, objectIdentifier
}

/// Reads the tags of service parameters one at a time, keeping track of the nesting of constructed
/// values. Malformed input ends the walk and sets `anomaly`; it never traps.
struct BACnetTagReader {
    /// Opening tags nested deeper than this stop the walk (`bacnet.nesting_too_deep`); BACnet's own
    /// constructed types nest a handful of levels.
    static let maximumDepth = 16

    private var reader: ByteReader
    /// Opening tags currently open.
    private(set) var depth = 0
    private(set) var anomaly: AnomalyKind?

    init(_ bytes: ByteView) { reader = ByteReader(bytes) }

    var isAtEnd: Bool { reader.isAtEnd || anomaly != nil }

    /// The next tag; `nil` at the end of the bytes or on malformed input (then `anomaly` says why).
    /// `depth` is the nesting the returned tag lives at (an opening tag counts from the next tag on).
    mutating func next() -> BACnetTag? {
        guard anomaly == nil, let initial = reader.readUInt8() else { return nil }
        var number = initial >> 4
        let isContext = initial & 0x08 != 0
        let lengthValueType = initial & 0x07
        if number == 0x0F {  // extended tag number (§20.2.1.2)
            guard let extended = reader.readUInt8() else { return fail(BACnetAnomaly.malformedTag) }
            number = extended
        }
        if isContext && lengthValueType == 6 {
            depth += 1
            if depth > Self.maximumDepth { return fail(BACnetAnomaly.nestingTooDeep) }
            return BACnetTag(number: number, isContext: true, kind: .opening, lengthValueType: 6, value: .empty)
        }
        if isContext && lengthValueType == 7 {
            depth = max(0, depth - 1)
            return BACnetTag(number: number, isContext: true, kind: .closing, lengthValueType: 7, value: .empty)
        }
        if !isContext && number == BACnetApplicationTag.boolean.rawValue {
            return BACnetTag(
                number: number, isContext: false, kind: .primitive, lengthValueType: lengthValueType, value: .empty)
        }
        var length = Int(lengthValueType)
        if lengthValueType == 5 {  // extended length (§20.2.1.3.1)
            guard let first = reader.readUInt8() else { return fail(BACnetAnomaly.malformedTag) }
            switch first {
            case 254:
                guard let wide = reader.readUInt16() else { return fail(BACnetAnomaly.malformedTag) }
                length = Int(wide)
            case 255:
                guard let wide = reader.readUInt32() else { return fail(BACnetAnomaly.malformedTag) }
                length = Int(wide)
            default: length = Int(first)
            }
        } else if lengthValueType > 5 {
            return fail(BACnetAnomaly.malformedTag)  // 6/7 are only defined for context tags
        }
        guard let value = reader.readView(count: length) else { return fail(BACnetAnomaly.malformedTag) }
        return BACnetTag(
            number: number, isContext: isContext, kind: .primitive, lengthValueType: lengthValueType, value: value)
    }

    private mutating func fail(_ kind: AnomalyKind) -> BACnetTag? {
        anomaly = kind
        return nil
    }
}
