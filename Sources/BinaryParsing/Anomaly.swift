/// Something odd on the wire or in a file: recorded and counted, never thrown on the packet path.
///
/// `kind` is a stable name (it appears in JSON output and in detection rules); `detail` says what
/// exactly. Both are static strings so that recording an anomaly does not allocate.
public struct Anomaly: Hashable, Sendable, CustomStringConvertible {
    public let kind: AnomalyKind
    public let detail: StaticString
    public let value: Int64

    @inlinable
    public init(_ kind: AnomalyKind, _ detail: StaticString = "", value: Int64 = 0) {
        self.kind = kind
        self.detail = detail
        self.value = value
    }

    public static func == (lhs: Anomaly, rhs: Anomaly) -> Bool {
        lhs.kind == rhs.kind && lhs.value == rhs.value && lhs.detail.description == rhs.detail.description
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(value)
    }

    public var description: String {
        let text = detail.description
        return text.isEmpty ? kind.name : "\(kind.name): \(text)"
    }
}

/// A stable anomaly name. Each module declares its own kinds as static constants; the name is what
/// users see and what rules match.
public struct AnomalyKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let staticName: StaticString

    @inlinable
    public init(_ name: StaticString) { self.staticName = name }

    public var name: String { staticName.description }
    public var description: String { name }

    /// Identity is the literal's address: declare each kind once, as a static constant, and
    /// comparing or counting kinds never touches the characters (no allocation on the packet path).
    public static func == (lhs: AnomalyKind, rhs: AnomalyKind) -> Bool {
        lhs.staticName.utf8Start == rhs.staticName.utf8Start
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(UInt(bitPattern: staticName.utf8Start)) }

    public static func < (lhs: AnomalyKind, rhs: AnomalyKind) -> Bool { lhs.name < rhs.name }
}

/// How a decoder answers: never by throwing.
public enum DecodeResult<PDU> {
    case decoded(PDU, consumed: Int)
    /// Stream framing: buffer and retry once at least this many more bytes have arrived.
    case needMoreBytes(Int)
    case malformed(Anomaly)
}

/// Counts anomalies by kind; once a kind has been seen, counting it again does not allocate.
public struct AnomalyCounter: Sendable {
    public var counts: [AnomalyKind: Int] = [:]

    public init() {}

    @inlinable
    public mutating func record(_ kind: AnomalyKind, count: Int = 1) {
        // Read, then write: `counts[kind, default: 0] += count` goes through a modify coroutine
        // whose frame unoptimized (debug) builds allocate on the heap, for every anomaly.
        counts[kind] = (counts[kind] ?? 0) + count
    }

    public mutating func merge(_ other: AnomalyCounter) {
        for (kind, count) in other.counts { counts[kind, default: 0] += count }
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// name → count, for reports.
    public var byName: [String: Int] {
        var result: [String: Int] = [:]
        for (kind, count) in counts { result[kind.name, default: 0] += count }
        return result
    }
}
