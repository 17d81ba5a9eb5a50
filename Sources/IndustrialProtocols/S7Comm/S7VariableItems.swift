import BinaryParsing

/// Memory areas of an S7ANY address (packet-s7comm.c `item_areanames`).
enum S7Area {
    static let systemInfo200: UInt8 = 0x03
    static let systemFlags200: UInt8 = 0x05
    static let analogInputs200: UInt8 = 0x06
    static let analogOutputs200: UInt8 = 0x07
    static let counter: UInt8 = 0x1C
    static let timer: UInt8 = 0x1D
    static let iecCounter: UInt8 = 0x1E
    static let iecTimer: UInt8 = 0x1F
    static let peripheral: UInt8 = 0x80
    static let inputs: UInt8 = 0x81
    static let outputs: UInt8 = 0x82
    static let flags: UInt8 = 0x83
    static let dataBlock: UInt8 = 0x84
    static let instanceDataBlock: UInt8 = 0x85
    static let localData: UInt8 = 0x86
    static let previousLocalData: UInt8 = 0x87
}

/// One request item of Read Var / Write Var (packet-s7comm.c `s7comm_decode_param_item`).
struct S7VariableItem {
    /// Syntax ids (packet-s7comm.c `item_syntaxid_names`).
    static let syntaxS7Any: UInt8 = 0x10
    static let syntaxDBRead: UInt8 = 0xB0

    var area: Int
    var dbNumber: Int
    /// Byte address: the 24-bit S7ANY address is byte << 3 | bit.
    var byteAddress: Int
    /// Number of elements of the transport size.
    var length: Int
}

/// The item list that follows the function byte and item count of Read/Write Var jobs.
struct S7VariableItems {
    var declaredCount = 0
    var parsedCount = 0
    var first: S7VariableItem?
    /// An item ran past the parameter block or its specification length was inconsistent.
    var isMalformed = false

    /// `parameters` starts at the function byte.
    static func parse(_ parameters: ByteView) -> S7VariableItems {
        var result = S7VariableItems()
        var reader = ByteReader(parameters)
        guard reader.skip(1), let count = reader.readUInt8() else {
            result.isMalformed = true
            return result
        }
        result.declaredCount = Int(count)
        for _ in 0..<Int(count) {
            // Variable specification (0x12), length of the rest of the item, syntax id.
            guard reader.readUInt8() != nil, let specificationLength = reader.readUInt8(),
                var item = reader.readSubReader(count: Int(specificationLength)),
                let syntax = item.readUInt8()
            else {
                result.isMalformed = true
                break
            }
            result.parsedCount += 1
            guard result.first == nil else { continue }
            switch syntax {
            case S7VariableItem.syntaxS7Any:
                // Transport size, length, DB number, area, 24-bit address.
                guard item.skip(1), let length = item.readUInt16(), let db = item.readUInt16(),
                    let area = item.readUInt8(), let address = item.readUInt24()
                else {
                    result.isMalformed = true
                    continue
                }
                result.first = S7VariableItem(
                    area: Int(area), dbNumber: Int(db), byteAddress: Int(address >> 3), length: Int(length))
            case S7VariableItem.syntaxDBRead:
                // Number of areas, then per area: length, DB number, start byte.
                guard item.skip(1), let length = item.readUInt8(), let db = item.readUInt16(),
                    let start = item.readUInt16()
                else {
                    result.isMalformed = true
                    continue
                }
                result.first = S7VariableItem(
                    area: Int(S7Area.dataBlock), dbNumber: Int(db), byteAddress: Int(start), length: Int(length))
            default:
                // NCK, drive, symbolic (S7-1200) addressing: counted, not decoded.
                break
            }
        }
        return result
    }

    /// The first failing return code of a Read Var response's data items (return code, transport
    /// size, length, value, padded to even length except after the last item), or `nil`.
    static func firstReadFailure(_ data: ByteView, itemCount: Int) -> UInt8? {
        var reader = ByteReader(data)
        for index in 0..<itemCount {
            guard let code = reader.readUInt8(), let transportSize = reader.readUInt8(),
                let length = reader.readUInt16()
            else { return nil }
            if code != 0xFF { return code }
            // packet-s7comm.c: sizes 0x03 (bit), 0x04 (byte/word…), 0x05 (integer) count bits;
            // 0x07 (real), 0x09 (octet string) count bytes.
            var byteLength = Int(length)
            if transportSize == 0x03 || transportSize == 0x04 || transportSize == 0x05 {
                byteLength = (byteLength + 7) / 8
            }
            if byteLength % 2 == 1, index + 1 < itemCount { byteLength += 1 }
            guard reader.skip(byteLength) else { return nil }
        }
        return nil
    }

    /// The first failing return code of a Write Var response (one byte per item), or `nil`.
    static func firstWriteFailure(_ data: ByteView) -> UInt8? {
        for index in 0..<data.count where data[index] != 0xFF { return data[index] }
        return nil
    }
}
