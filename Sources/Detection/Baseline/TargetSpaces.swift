import EventModel

/// A target space as numbers (no text), for the packet path: the kind and up to two coordinates.
struct SpaceKey: Hashable, Sendable {
    var kind: TargetSpaceKind
    var first: Int64
    var second: Int64
}

/// Where an event's target falls: its space, the numbers it touched (low…high), or its text.
struct TargetPlacement {
    var space: SpaceKey
    /// nil when the target has no numbers (a CIP class without instance).
    var range: ClosedRange<Int64>?
    /// The text (tag, node id, topic) for value kinds.
    var text: TextRef
}

/// The mapping between events' targets (`EventTarget`, docs/events.md) and the baseline's
/// target spaces, both ways.
enum TargetSpaces {
    static func placement(of event: ProtocolEvent) -> TargetPlacement? {
        let target = event.target
        let (first, second, third, fourth) = (target.first, target.second, target.third, target.fourth)
        switch target.kind {
        case .none:
            return nil
        case .modbusRange:
            let space = SpaceKey(kind: .modbus, first: first, second: fourth)
            guard second >= 0 else { return TargetPlacement(space: space, range: nil, text: .none) }
            let end = second &+ max(1, third) &- 1
            return TargetPlacement(space: space, range: second...max(second, end), text: .none)
        case .s7Address:
            let space = SpaceKey(kind: .s7, first: first, second: max(-1, second))
            guard third >= 0 else { return TargetPlacement(space: space, range: nil, text: .none) }
            let end = third &+ max(1, fourth) &- 1
            return TargetPlacement(space: space, range: third...max(third, end), text: .none)
        case .s7Block:
            let space = SpaceKey(kind: .s7Block, first: first, second: -1)
            return TargetPlacement(space: space, range: second >= 0 ? second...second : nil, text: .none)
        case .s7SZL:
            return TargetPlacement(
                space: SpaceKey(kind: .s7SZL, first: -1, second: -1), range: first >= 0 ? first...first : nil,
                text: .none)
        case .cipPath:
            if !target.text.isEmpty {
                return TargetPlacement(
                    space: SpaceKey(kind: .cipTag, first: -1, second: -1), range: nil, text: target.text)
            }
            let space = SpaceKey(kind: .cip, first: first, second: -1)
            return TargetPlacement(space: space, range: second >= 0 ? second...second : nil, text: .none)
        case .dnp3Object:
            let space = SpaceKey(kind: .dnp3, first: first, second: second)
            guard third >= 0 else { return TargetPlacement(space: space, range: nil, text: .none) }
            return TargetPlacement(space: space, range: third...max(third, fourth), text: .none)
        case .iec104Object:
            let space = SpaceKey(kind: .iec104, first: first, second: -1)
            return TargetPlacement(space: space, range: second >= 0 ? second...second : nil, text: .none)
        case .bacnetObject:
            let space = SpaceKey(kind: .bacnet, first: first, second: third)
            return TargetPlacement(space: space, range: second >= 0 ? second...second : nil, text: .none)
        case .opcuaNode:
            guard !target.text.isEmpty else { return nil }
            return TargetPlacement(space: SpaceKey(kind: .opcua, first: -1, second: -1), range: nil, text: target.text)
        case .mqttTopic:
            guard !target.text.isEmpty else { return nil }
            return TargetPlacement(space: SpaceKey(kind: .mqtt, first: -1, second: -1), range: nil, text: target.text)
        case .text:
            guard !target.text.isEmpty else { return nil }
            return TargetPlacement(space: SpaceKey(kind: .text, first: -1, second: -1), range: nil, text: target.text)
        }
    }

    /// The space's coordinates as the YAML writes them.
    static func coordinates(_ space: SpaceKey) -> [String: String] {
        var result: [String: String] = [:]
        let keys = space.kind.spaceKeys
        switch space.kind {
        case .modbus:
            result["table"] = modbusTables.first { $0.value == space.first }?.key ?? "\(space.first)"
            if space.second >= 0 { result["unit"] = "\(space.second)" }
        case .s7:
            result["area"] = s7Areas.first { $0.value == space.first }?.key ?? "\(space.first)"
            if space.second >= 0 { result["db"] = "\(space.second)" }
        case .s7Block:
            result["block_type"] = s7BlockTypes.first { $0.value == space.first }?.key ?? "\(space.first)"
        case .cip:
            result["class"] = "0x" + TargetDescription.hex(space.first, width: 2)
        default:
            if keys.count > 0, space.first >= 0 { result[keys[0]] = "\(space.first)" }
            if keys.count > 1, space.second >= 0 { result[keys[1]] = "\(space.second)" }
        }
        return result
    }

    /// The numbers of a space written as `coordinates` (nil when a coordinate is not understood).
    static func space(kind: TargetSpaceKind, coordinates: [String: String]) -> SpaceKey? {
        func number(_ key: String) -> Int64? {
            guard let text = coordinates[key] else { return -1 }
            if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int64(text.dropFirst(2), radix: 16) }
            return Int64(text)
        }
        func named(_ key: String, _ names: [String: Int64]) -> Int64? {
            guard let text = coordinates[key] else { return -1 }
            return names[text] ?? number(key)
        }
        switch kind {
        case .modbus:
            guard let table = named("table", modbusTables), let unit = number("unit") else { return nil }
            return SpaceKey(kind: kind, first: table, second: unit)
        case .s7:
            guard let area = named("area", s7Areas), let db = number("db") else { return nil }
            return SpaceKey(kind: kind, first: area, second: db)
        case .s7Block:
            guard let type = named("block_type", s7BlockTypes) else { return nil }
            return SpaceKey(kind: kind, first: type, second: -1)
        default:
            let keys = kind.spaceKeys
            guard let first = keys.count > 0 ? number(keys[0]) : -1, let second = keys.count > 1 ? number(keys[1]) : -1
            else { return nil }
            return SpaceKey(kind: kind, first: first, second: second)
        }
    }

    static let modbusTables: [String: Int64] = [
        "coils": 0, "discrete_inputs": 1, "input_registers": 3, "holding_registers": 4,
    ]
    static let s7Areas: [String: Int64] = [
        "inputs": 0x81, "outputs": 0x82, "flags": 0x83, "db": 0x84, "instance_db": 0x85, "counters": 0x1C,
        "timers": 0x1D, "peripheral": 0x80,
    ]
    static let s7BlockTypes: [String: Int64] = [
        "OB": 0x3038, "DB": 0x3041, "SDB": 0x3042, "FC": 0x3043, "SFC": 0x3044, "FB": 0x3045, "SFB": 0x3046,
    ]
}

/// FNV-1a over bytes: text targets are compared by hash on the packet path (no String made).
enum TextHash {
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// The event vocabulary's operation (Foundation has an `Operation` too).
public typealias EventOperation = EventModel.Operation
