import Foundation

/// What a plant's network normally does, as a document people review and commit
/// (`palisade.baseline/1`, docs/baseline.md): the assets expected, who talks to whom with which
/// protocol, the functions each pair uses and on which targets, and the period of the exchanges
/// that repeat. Learned by `BaselineLearner`, written and read by `BaselineDocument`, compared by
/// `BaselineDiff`, and watched by `BaselineMonitor`.
public struct Baseline: Sendable, Equatable {
    public static let schema = "palisade.baseline/1"

    public var header: BaselineHeader
    /// Sorted by `BaselineAsset.key`.
    public var assets: [BaselineAsset]
    /// Sorted by `BaselinePair.sortKey`.
    public var pairs: [BaselinePair]

    public init(header: BaselineHeader, assets: [BaselineAsset] = [], pairs: [BaselinePair] = []) {
        self.header = header
        self.assets = assets
        self.pairs = pairs
    }

    /// Puts assets, pairs, functions and targets in their canonical order (so that two baselines
    /// with the same content compare equal and write the same bytes).
    public mutating func normalize() {
        assets.sort { $0.key < $1.key }
        for index in assets.indices { assets[index].identity.modules.sort() }
        pairs.sort { $0.sortKey < $1.sortKey }
        for index in pairs.indices { pairs[index].normalize() }
    }
}

/// Where a baseline came from.
public struct BaselineHeader: Sendable, Equatable {
    public var schema = Baseline.schema
    /// Capture files learned from, as given.
    public var captures: [String] = []
    /// The store learned from (its path), when it was a store.
    public var store: String?
    /// Packet time (ns) of the first and last traffic learned.
    public var start: Int64?
    public var end: Int64?
    /// When the baseline was made (ns). Learning from captures sets it to the end of the traffic
    /// learned, so that learning the same captures twice writes the same bytes.
    public var generated: Int64 = 0

    public init(
        captures: [String] = [], store: String? = nil, start: Int64? = nil, end: Int64? = nil, generated: Int64 = 0
    ) {
        self.captures = captures
        self.store = store
        self.start = start
        self.end = end
        self.generated = generated
    }
}

/// An expected device, identified by its IP addresses and/or MACs.
public struct BaselineAsset: Sendable, Equatable {
    /// The inventory's asset id (`mac:…` or `ip:…`), for people and for the store.
    public var id: String
    public var addresses: [String]
    public var macs: [String]
    /// `AssetRole` raw value (`plc`, `hmi`, …).
    public var role: String
    public var identity: BaselineIdentity
    /// The MAC's vendor from the IEEE registry (a comment in the file: derived, not reported by
    /// the device, so not something to compare).
    public var macVendor: String?
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var packets: UInt64

    public init(
        id: String, addresses: [String], macs: [String], role: String, identity: BaselineIdentity = BaselineIdentity(),
        macVendor: String? = nil, firstSeen: Int64 = 0, lastSeen: Int64 = 0, packets: UInt64 = 0
    ) {
        self.id = id
        self.addresses = addresses
        self.macs = macs
        self.role = role
        self.identity = identity
        self.macVendor = macVendor
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
    }

    /// The first address, else the first MAC, else the id: what people look for.
    public var key: String { addresses.first ?? macs.first ?? id }
}

/// The identity facts the baseline expects to stay as they are.
public struct BaselineIdentity: Sendable, Equatable {
    public var vendor: String?
    public var product: String?
    public var model: String?
    public var orderNumber: String?
    public var firmware: String?
    public var hardware: String?
    public var serial: String?
    public var stationName: String?
    public var modules: [String] = []

    public init() {}

    /// (YAML key, value) of every field that is set, keys sorted.
    public var fields: [(key: String, value: String)] {
        var result: [(String, String)] = []
        if let firmware { result.append(("firmware", firmware)) }
        if let hardware { result.append(("hardware", hardware)) }
        if let model { result.append(("model", model)) }
        if !modules.isEmpty { result.append(("modules", modules.joined(separator: ", "))) }
        if let orderNumber { result.append(("order_number", orderNumber)) }
        if let product { result.append(("product", product)) }
        if let serial { result.append(("serial", serial)) }
        if let stationName { result.append(("station_name", stationName)) }
        if let vendor { result.append(("vendor", vendor)) }
        return result
    }

    public static let keys: Set<String> = [
        "firmware", "hardware", "model", "modules", "order_number", "product", "serial", "station_name", "vendor",
    ]

    public var isEmpty: Bool { fields.isEmpty }
}

/// A client talking to a server with one protocol on one port, and what it does there.
public struct BaselinePair: Sendable, Equatable {
    /// Addresses as events print them (IP, or MAC for layer-2 protocols).
    public var client: String
    public var server: String
    /// The flow's application protocol (`modbus`, `enip`, …).
    public var protocolName: String
    /// `tcp`, `udp`, `ethernet` (layer 2) or `ip`.
    public var transport: String
    /// The server's port (0 without ports).
    public var port: UInt16
    public var flows: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var functions: [BaselineFunction]

    public init(
        client: String, server: String, protocolName: String, transport: String, port: UInt16, flows: UInt64 = 0,
        firstSeen: Int64 = 0, lastSeen: Int64 = 0, functions: [BaselineFunction] = []
    ) {
        self.client = client
        self.server = server
        self.protocolName = protocolName
        self.transport = transport
        self.port = port
        self.flows = flows
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.functions = functions
    }

    public var sortKey: String {
        "\(AddressOrder.key(client))|\(AddressOrder.key(server))|\(protocolName)|\(transport)|\(String(format: "%05d", port))"
    }

    /// `10.0.0.5 → 10.0.0.10 modbus/502` (`tcp` when the protocol is not known).
    public var title: String {
        let service = port > 0 ? "\(protocolName)/\(port)" : protocolName
        return "\(client) → \(server) \(service)"
    }

    mutating func normalize() {
        functions.sort { $0.sortKey < $1.sortKey }
        for index in functions.indices {
            functions[index].targets.sort { $0.sortKey < $1.sortKey }
        }
    }

    /// The function with this identity, if the baseline has it.
    public func function(protocolName: String, group: Int64, code: Int64, operation: String) -> BaselineFunction? {
        functions.first {
            $0.protocolName == protocolName && $0.code == code && $0.operation == operation
                && ($0.group == group || group < 0 || $0.group < 0)
        }
    }
}

/// A function (code + operation) used on a pair, with its targets and timing.
public struct BaselineFunction: Sendable, Equatable {
    /// The event's protocol, which may differ from the pair's (`cip` inside `enip`).
    public var protocolName: String
    /// S7 userdata function group, -1 when the protocol has none.
    public var group: Int64
    /// The function code, -1 when the PDU has none (then `name` tells it).
    public var code: Int64
    public var name: String
    public var operation: String
    public var count: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// Sub-functions seen (Modbus diagnostics, MEI types), as ranges.
    public var subfunctions: RangeList
    public var targets: [BaselineTarget]
    /// More targets were seen than a baseline keeps: any target is accepted.
    public var targetsCapped: Bool
    public var timing: BaselineTiming?

    public init(
        protocolName: String, group: Int64 = -1, code: Int64, name: String, operation: String, count: UInt64 = 0,
        firstSeen: Int64 = 0, lastSeen: Int64 = 0, subfunctions: RangeList = RangeList(),
        targets: [BaselineTarget] = [],
        targetsCapped: Bool = false, timing: BaselineTiming? = nil
    ) {
        self.protocolName = protocolName
        self.group = group
        self.code = code
        self.name = name
        self.operation = operation
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.subfunctions = subfunctions
        self.targets = targets
        self.targetsCapped = targetsCapped
        self.timing = timing
    }

    /// The name of a function that stands for any code with its operation (learned from counts
    /// that do not say which codes).
    public static let anyName = "*"

    public var isAnyFunction: Bool { code < 0 && name == Self.anyName }

    var sortKey: String {
        "\(protocolName)|\(String(format: "%012d", group + 1))|\(String(format: "%012d", code + 1))|\(operation)|\(name)"
    }

    /// `function 16 Write Multiple Registers` (`Hello` when there is no code).
    public var title: String {
        var text = code >= 0 ? "function \(group >= 0 ? "\(group)/" : "")\(code)" : "PDU"
        if !name.isEmpty { text += " \(name)" }
        return text
    }

    /// Whether `target` is inside what the baseline learned for this function (true when the
    /// baseline keeps no targets for it, or had to stop keeping them).
    public func contains(_ target: TargetPoint) -> Bool {
        if targetsCapped || targets.isEmpty { return true }
        return targets.contains { $0.contains(target) }
    }
}

/// Where a function's PDUs went, for one target space (a Modbus table on a unit, an S7 area and
/// DB, a CIP class, a DNP3 group and variation, …): the numbers as ranges, or texts (tags, node
/// ids, topics).
public struct BaselineTarget: Sendable, Equatable {
    public var kind: TargetSpaceKind
    /// The space's coordinates by key (`table: holding_registers`, `unit: 1`), as text.
    public var space: [String: String]
    public var ranges: RangeList
    public var values: [String]
    /// More values were seen than kept: any value is accepted.
    public var valuesCapped: Bool

    public init(
        kind: TargetSpaceKind, space: [String: String] = [:], ranges: RangeList = RangeList(), values: [String] = [],
        valuesCapped: Bool = false
    ) {
        self.kind = kind
        self.space = space
        self.ranges = ranges
        self.values = values
        self.valuesCapped = valuesCapped
    }

    var sortKey: String {
        kind.rawValue + "|"
            + space.keys.sorted().map { key in "\(key)=\(space[key]!.leftPadded(12))" }.joined(separator: ",")
    }

    /// `holding registers on unit 1: 0-9`.
    public var title: String {
        var words = kind.rawValue
        let coordinates = space.keys.sorted().map { "\($0) \(space[$0]!)" }
        if !coordinates.isEmpty { words += " " + coordinates.joined(separator: ", ") }
        return words
    }

    public func contains(_ point: TargetPoint) -> Bool {
        guard point.kind == kind, point.space == space else { return false }
        if let text = point.text { return valuesCapped || values.contains(text) }
        guard let low = point.low, let high = point.high else { return true }
        if ranges.isEmpty { return true }
        return ranges.contains(low...high)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// One PDU's target, as the baseline files it.
public struct TargetPoint: Sendable, Equatable {
    public var kind: TargetSpaceKind
    public var space: [String: String]
    public var low: Int64?
    public var high: Int64?
    public var text: String?

    public init(
        kind: TargetSpaceKind, space: [String: String] = [:], low: Int64? = nil, high: Int64? = nil, text: String? = nil
    ) {
        self.kind = kind
        self.space = space
        self.low = low
        self.high = high
        self.text = text
    }

    /// `holding_registers 100-109 on unit 1`.
    public var title: String {
        var words = kind.rawValue
        for key in space.keys.sorted() { words += " \(key) \(space[key]!)" }
        if let text { words += " \"\(text)\"" }
        if let low, let high { words += low == high ? " at \(low)" : " at \(low)-\(high)" }
        return words
    }
}

/// The kinds of target space, with the coordinate keys each has (the numbers of
/// `EventTarget`, docs/events.md).
public enum TargetSpaceKind: String, Sendable, CaseIterable, Comparable {
    /// Modbus: table and unit id; ranges are register or coil addresses.
    case modbus
    /// S7 variables: area and DB number; ranges are byte addresses.
    case s7
    /// S7 blocks: block type; ranges are block numbers.
    case s7Block = "s7_block"
    /// S7 SZL reads; ranges are SZL ids.
    case s7SZL = "s7_szl"
    /// CIP: class; ranges are instances.
    case cip
    /// CIP symbolic tags; values are tag names.
    case cipTag = "cip_tag"
    /// DNP3: group and variation; ranges are point indexes.
    case dnp3
    /// IEC 104: common address; ranges are IOAs.
    case iec104
    /// BACnet: object type and property; ranges are object instances.
    case bacnet
    /// OPC UA: values are node ids.
    case opcua
    /// MQTT: values are topics.
    case mqtt
    /// Free text targets (file names, URIs): values.
    case text

    /// The coordinate keys of the space.
    public var spaceKeys: [String] {
        switch self {
        case .modbus: ["table", "unit"]
        case .s7: ["area", "db"]
        case .s7Block: ["block_type"]
        case .s7SZL, .cipTag, .opcua, .mqtt, .text: []
        case .cip: ["class"]
        case .dnp3: ["group", "variation"]
        case .iec104: ["common_address"]
        case .bacnet: ["object_type", "property"]
        }
    }

    public var usesValues: Bool {
        switch self {
        case .cipTag, .opcua, .mqtt, .text: true
        default: false
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The timing of a periodic exchange on a pair.
public struct BaselineTiming: Sendable, Equatable {
    /// Mean time between the starts of two exchanges (ms).
    public var periodMilliseconds: Int64
    /// Standard deviation of that time (ms).
    public var jitterMilliseconds: Int64
    /// Intervals measured.
    public var samples: UInt64
    /// Events of this function per exchange (a request and its response are 2; S7 reading three
    /// variables in one cycle is 6), in tenths: the monitor counts events, not exchanges.
    public var eventsPerExchangeTenths: Int64

    public init(periodMilliseconds: Int64, jitterMilliseconds: Int64, samples: UInt64, eventsPerExchangeTenths: Int64) {
        self.periodMilliseconds = periodMilliseconds
        self.jitterMilliseconds = jitterMilliseconds
        self.samples = samples
        self.eventsPerExchangeTenths = eventsPerExchangeTenths
    }

    public var eventsPerExchange: Double { Double(max(1, eventsPerExchangeTenths)) / 10 }
}

/// Sorted, disjoint, non-adjacent closed ranges of integers (`0-9, 20, 30-39`).
public struct RangeList: Sendable, Equatable, CustomStringConvertible {
    public private(set) var ranges: [ClosedRange<Int64>] = []

    public init() {}
    public init(_ ranges: [ClosedRange<Int64>]) {
        for range in ranges { insert(range) }
    }

    public var isEmpty: Bool { ranges.isEmpty }
    public var count: Int { ranges.count }

    /// Adds a range, merging it with the ranges it overlaps or touches. Returns whether anything
    /// was new.
    @discardableResult
    public mutating func insert(_ range: ClosedRange<Int64>) -> Bool {
        // First range whose upper bound reaches the new one's lower bound - 1.
        var low = 0
        var high = ranges.count
        let start = range.lowerBound == .min ? .min : range.lowerBound - 1
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < start { low = middle + 1 } else { high = middle }
        }
        if low < ranges.count, ranges[low].contains(range.lowerBound), ranges[low].contains(range.upperBound) {
            return false
        }
        var merged = range
        var end = low
        let limit = range.upperBound == .max ? .max : range.upperBound + 1
        while end < ranges.count, ranges[end].lowerBound <= limit {
            merged = min(merged.lowerBound, ranges[end].lowerBound)...max(merged.upperBound, ranges[end].upperBound)
            end += 1
        }
        ranges.replaceSubrange(low..<end, with: [merged])
        return true
    }

    public mutating func formUnion(_ other: RangeList) {
        for range in other.ranges { insert(range) }
    }

    public func contains(_ range: ClosedRange<Int64>) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].lowerBound <= range.lowerBound
            && ranges[low].upperBound >= range.upperBound
    }

    public func contains(_ value: Int64) -> Bool { contains(value...value) }

    /// Merges the ranges separated by the smallest gaps until at most `limit` remain (a huge
    /// plant's baseline stays readable; what is merged is accepted as learned).
    public mutating func cap(at limit: Int) {
        guard limit > 0 else { return }
        while ranges.count > limit {
            var best = 0
            var bestGap = Int64.max
            for index in 0..<(ranges.count - 1) {
                let gap = ranges[index + 1].lowerBound &- ranges[index].upperBound
                if gap < bestGap {
                    bestGap = gap
                    best = index
                }
            }
            ranges[best] = ranges[best].lowerBound...ranges[best + 1].upperBound
            ranges.remove(at: best + 1)
        }
    }

    /// `0-9, 20, 30-39`.
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ", ")
    }

    /// Parses `0-9, 20, 30-39` (negative numbers are not targets).
    public init?(parsing text: String) {
        self.init()
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return }
        for part in trimmed.split(separator: ",") {
            let bounds = part.trimmingCharacters(in: .whitespaces).split(
                separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int64(bounds[0].trimmingCharacters(in: .whitespaces)),
                let high = Int64(bounds[bounds.count - 1].trimmingCharacters(in: .whitespaces)), low <= high
            else { return nil }
            insert(low...high)
        }
    }
}

/// Orders addresses as people expect (10.0.0.9 before 10.0.0.10): IPv4 by value, then others.
enum AddressOrder {
    static func key(_ address: String) -> String {
        let parts = address.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) {
            return "0" + parts.map { String(repeating: "0", count: 3 - $0.count) + $0 }.joined(separator: ".")
        }
        return "1" + address
    }
}

extension Baseline: BaselinePolicy {
    /// Whether any pair from `source` to `destination` used a function of `protocolName` with
    /// this operation.
    public func allows(source: String, destination: String, protocolName: String, operation: String) -> Bool {
        pairs.contains { pair in
            pair.client == source && pair.server == destination
                && pair.functions.contains { $0.protocolName == protocolName && $0.operation == operation }
        }
    }
}
