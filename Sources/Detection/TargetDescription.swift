import EventModel
import Monitor

/// A PDU's target in words, for summaries and explanations (the numbers are read as
/// docs/events.md documents them for each `EventTarget.Kind`).
enum TargetDescription {
    static func describe(_ record: EventRecord) -> String {
        let numbers = record.targetNumbers + [-1, -1, -1, -1]
        let (first, second, third, fourth) = (numbers[0], numbers[1], numbers[2], numbers[3])
        let text = record.targetText
        switch record.targetKind {
        case .none:
            return text
        case .modbusRange:
            let table =
                switch first {
                case 0: "coils"
                case 1: "discrete inputs"
                case 3: "input registers"
                case 4: "holding registers"
                default: "table \(first)"
                }
            var words = table
            if second >= 0 {
                words += third > 1 ? " \(second)–\(second + third - 1)" : " \(second)"
            }
            if fourth >= 0 { words += " on unit \(fourth)" }
            return words
        case .s7Address:
            // The numbers are the first item's; the text is the item count or the item list.
            guard first >= 0 else { return text }
            let area = s7Area(first)
            var words = second > 0 ? "DB\(second) byte \(third)" : "\(area) byte \(third)"
            if fourth > 1 { words += " (\(fourth) bytes)" }
            if text.hasPrefix("items="), let count = Int(text.dropFirst(6)), count > 1 {
                words += " and \(count - 1) more items"
            }
            return words
        case .s7Block:
            let type = s7BlockType(first)
            return second >= 0 ? "\(type) \(second)" : type
        case .s7SZL:
            return "SZL 0x\(hex(first, width: 4)) index 0x\(hex(second, width: 4))"
        case .cipPath:
            if !text.isEmpty { return "tag \(text)" }
            var words = "class 0x\(hex(first, width: 2))"
            if second >= 0 { words += " instance \(second)" }
            if third >= 0 { words += " attribute \(third)" }
            return words
        case .dnp3Object:
            var words = "g\(first)v\(second)"
            if third >= 0 { words += fourth > third ? " index \(third)–\(fourth)" : " index \(third)" }
            if !text.isEmpty { words += " file \(text)" }  // g70 file commands name their file
            return words
        case .iec104Object:
            return "CA \(first) IOA \(second)"
        case .bacnetObject:
            var words = "object type \(first) instance \(second)"
            if third >= 0 { words += " property \(third)" }
            return words
        case .opcuaNode:
            return text.isEmpty ? "" : "node \(text)"
        case .mqttTopic:
            return text.isEmpty ? "" : "topic \(text)"
        case .text:
            return text
        }
    }

    static func hex(_ value: Int64, width: Int) -> String {
        let digits = String(UInt64(bitPattern: value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func s7Area(_ code: Int64) -> String {
        switch code {
        case 0x81: "inputs"
        case 0x82: "outputs"
        case 0x83: "flags (M)"
        case 0x84: "data block"
        case 0x85: "instance data block"
        case 0x1C: "counters"
        case 0x1D: "timers"
        default: "area 0x\(hex(code, width: 2))"
        }
    }

    static func s7BlockType(_ code: Int64) -> String {
        switch code {
        // Two ASCII characters read big-endian, as the S7 decoder reports them.
        case 0x3038: "OB"
        case 0x3041: "DB"
        case 0x3042: "SDB"
        case 0x3043: "FC"
        case 0x3044: "SFC"
        case 0x3045: "FB"
        case 0x3046: "SFB"
        default: "block type 0x\(hex(code, width: 4))"
        }
    }
}
