import EventModel
import PacketLayers

/// An IP network (`10.77.9.66`, `10.77.0.0/16`, `fd00::/8`), precompiled to a 128-bit mask over
/// the IPv4-mapped form `IPAddress` keeps, so matching is two ANDs and two compares.
public struct AddressPattern: Sendable, Equatable {
    var network: IPAddress
    var maskHigh: UInt64
    var maskLow: UInt64

    /// Parses an address with an optional `/prefix`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let width = address.isIPv4 && !parts[0].contains(":") ? 32 : 128
        var prefix = width
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...width).contains(value) else { return nil }
            prefix = value
        }
        let bits = prefix + (128 - width)
        maskHigh = bits >= 64 ? .max : bits == 0 ? 0 : ~(UInt64.max >> UInt64(bits))
        maskLow = bits >= 128 ? .max : bits <= 64 ? 0 : ~(UInt64.max >> UInt64(bits - 64))
        network = IPAddress(high: address.high & maskHigh, low: address.low & maskLow)
    }

    @inline(__always) public func contains(_ address: IPAddress) -> Bool {
        address.high & maskHigh == network.high && address.low & maskLow == network.low
    }
}

/// A shell-style pattern over bytes: `*` any run, `?` one byte, everything else itself
/// (case-sensitive). Matching walks both strings once with one backtrack point: no allocation.
public struct GlobPattern: Sendable, Equatable {
    let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }

    public func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        bytes.withUnsafeBufferPointer { pattern in
            var p = 0
            var t = 0
            var starP = -1
            var starT = 0
            while t < text.count {
                if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t]) {
                    p += 1
                    t += 1
                } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                    starP = p
                    starT = t
                    p += 1
                } else if starP >= 0 {
                    p = starP + 1
                    starT += 1
                    t = starT
                } else {
                    return false
                }
            }
            while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
            return p == pattern.count
        }
    }

    public func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }
}

/// An MQTT topic filter (`plant/+/level`, `plant/#`): `+` is one level, a final `#` any number
/// of levels including none (MQTT 3.1.1 §4.7).
public struct TopicFilter: Sendable, Equatable {
    let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }

    public func matches(_ topic: UnsafeRawBufferPointer) -> Bool {
        bytes.withUnsafeBufferPointer { filter in
            var f = 0
            var t = 0
            let slash = UInt8(ascii: "/")
            while f < filter.count {
                if filter[f] == UInt8(ascii: "#") { return true }
                if filter[f] == UInt8(ascii: "+") {
                    while t < topic.count && topic[t] != slash { t += 1 }
                    f += 1
                } else {
                    guard t < topic.count, topic[t] == filter[f] else {
                        // `a/#` also matches `a`: the filter's remaining `/#` needs no level.
                        return t == topic.count && f + 1 < filter.count && filter[f] == slash
                            && filter[f + 1] == UInt8(ascii: "#") && f + 2 == filter.count
                    }
                    f += 1
                    t += 1
                }
            }
            return t == topic.count
        }
    }

    public func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }
}

/// How a rule's target text is compared.
enum TextCondition: Sendable, Equatable {
    case glob(GlobPattern)
    case topic(TopicFilter)

    func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .glob(let pattern): pattern.matches(text)
        case .topic(let filter): filter.matches(text)
        }
    }
}

/// A compiled `match.target`: the target kind, a range per number slot (docs/events.md says
/// what each slot holds for each kind), an optional span (the PDU's first…last item, which must
/// overlap the range) and an optional text pattern.
struct TargetCondition: Sendable, Equatable {
    enum Span: Sendable, Equatable {
        /// Slot 1 is the start, slot 2 the count (Modbus).
        case startCount
        /// Slot 2 is the first index, slot 3 the last (DNP3).
        case startStop
    }

    var kind: EventTarget.Kind?
    /// Ranges that slots 0…3 must fall in.
    var slots: [ClosedRange<Int64>?] = [nil, nil, nil, nil]
    var span: (Span, ClosedRange<Int64>)?
    var text: TextCondition?

    static func == (lhs: TargetCondition, rhs: TargetCondition) -> Bool {
        lhs.kind == rhs.kind && lhs.slots == rhs.slots && lhs.text == rhs.text
            && lhs.span?.0 == rhs.span?.0 && lhs.span?.1 == rhs.span?.1
    }

    func matches(_ target: EventTarget, in batch: EventBatch) -> Bool {
        if let kind, target.kind != kind { return false }
        if let range = slots[0], !range.contains(target.first) { return false }
        if let range = slots[1], !range.contains(target.second) { return false }
        if let range = slots[2], !range.contains(target.third) { return false }
        if let range = slots[3], !range.contains(target.fourth) { return false }
        if let span {
            let (style, range) = span
            let first: Int64
            let last: Int64
            switch style {
            case .startCount:
                guard target.second >= 0 else { return false }
                first = target.second
                last = target.third > 1 ? target.second &+ target.third &- 1 : target.second
            case .startStop:
                guard target.third >= 0 else { return false }
                first = target.third
                last = max(target.third, target.fourth)
            }
            if last < range.lowerBound || first > range.upperBound { return false }
        }
        if let text {
            guard !target.text.isEmpty else { return false }
            return batch.withBytes(target.text) { text.matches($0) }
        }
        return true
    }
}

/// Everything `match:` asks of an event, compiled: bit masks for operations and directions,
/// a set of function codes, address networks, the target.
struct EventCondition: Sendable, Equatable {
    var functions: Set<Int64> = []
    /// Bit `Operation.rawValue` set for each accepted operation; 0 accepts any.
    var operations: UInt32 = 0
    /// Bit `EventDirection.rawValue` set for each accepted direction; 0 accepts any.
    var directions: UInt32 = 0
    var sources: [AddressPattern] = []
    var destinations: [AddressPattern] = []
    var target: TargetCondition?
    /// nil: any result; otherwise the accepted status.
    var result: EventResult.Status?

    func matches(_ event: ProtocolEvent, in batch: EventBatch) -> Bool {
        if !functions.isEmpty && !functions.contains(event.function) { return false }
        if operations != 0 && operations & (1 << UInt32(event.operation.rawValue)) == 0 { return false }
        if directions != 0 && directions & (1 << UInt32(event.direction.rawValue)) == 0 { return false }
        if let result, event.result.status != result { return false }
        if !sources.isEmpty {
            if event.isLayer2 || !Self.any(sources, contains: event.source) { return false }
        }
        if !destinations.isEmpty {
            if event.isLayer2 || !Self.any(destinations, contains: event.destination) { return false }
        }
        if let target, !target.matches(event.target, in: batch) { return false }
        return true
    }

    /// An index loop: both `contains(where:)` and a `for … in` loop allocated once per call in
    /// debug builds (measured by UserRuleAllocationTests), which tests and CI run.
    static func any(_ patterns: [AddressPattern], contains address: IPAddress) -> Bool {
        var index = 0
        while index < patterns.count {
            if patterns[index].contains(address) { return true }
            index += 1
        }
        return false
    }
}
