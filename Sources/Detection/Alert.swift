import Foundation

/// How urgent an alert is (the `severity` key of `palisade.alert/1`).
public enum Severity: Int, Sendable, Comparable, CaseIterable, Codable {
    case info, low, medium, high, critical

    public var name: String {
        switch self {
        case .info: "info"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = match
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an alert comes from.
public enum AlertKind: String, Sendable, Codable {
    /// A built-in threat rule (`Sources/Detection/Rules/`).
    case rule
    /// A rule from the plant's own YAML files.
    case userRule = "user_rule"
    /// A departure from the learned baseline.
    case anomaly
}

/// Triage state.
public enum AlertState: String, Sendable, Codable, CaseIterable {
    case new, acknowledged, closed
}

/// One piece of evidence: an event (or a flow) with where to find it again.
public struct AlertEvidence: Sendable, Hashable, Codable {
    /// The capture file, or `sensor:<interface>` for live traffic.
    public var origin: String
    /// Frame number within `origin` (1-based), 0 when the evidence is not one frame.
    public var frame: UInt64
    /// Packet time, ns since the epoch.
    public var time: Int64
    /// `tcp 10.0.0.5:49152 → 10.0.0.10:502`, or the two MACs for layer-2 traffic.
    public var flow: String
    /// The event as a `palisade.event/1` JSON object (text), or empty for flow evidence.
    public var event: String
    /// Free text when the evidence is not an event (a flow, a baseline entry).
    public var note: String

    public init(origin: String, frame: UInt64, time: Int64, flow: String, event: String = "", note: String = "") {
        self.origin = origin
        self.frame = frame
        self.time = time
        self.flow = flow
        self.event = event
        self.note = note
    }
}

/// An alert: one rule (or anomaly kind) on one subject, with every repeat merged into `count`.
public struct Alert: Sendable, Hashable, Codable {
    /// Stable for the same rule and subject (`AlertIdentity`), so repeats, triage and later runs
    /// meet on the same alert.
    public var id: String
    public var firstTime: Int64
    public var lastTime: Int64
    public var severity: Severity
    public var kind: AlertKind
    /// Rule id (`s7-plc-stop`) or anomaly kind (`anomaly.new-pair`).
    public var rule: String
    /// MITRE ATT&CK for ICS technique ids (`T0858`).
    public var techniques: [String]
    /// Addresses (or asset ids when known) involved: source first.
    public var assets: [String]
    public var summary: String
    public var explanation: String
    /// The first occurrences (up to `Alert.evidenceLimit`), in time order.
    public var evidence: [AlertEvidence]
    public var count: UInt64
    public var state: AlertState

    public static let evidenceLimit = 8

    public init(
        id: String, firstTime: Int64, lastTime: Int64, severity: Severity, kind: AlertKind, rule: String,
        techniques: [String], assets: [String], summary: String, explanation: String, evidence: [AlertEvidence],
        count: UInt64, state: AlertState = .new
    ) {
        self.id = id
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.severity = severity
        self.kind = kind
        self.rule = rule
        self.techniques = techniques
        self.assets = assets
        self.summary = summary
        self.explanation = explanation
        self.evidence = evidence
        self.count = count
        self.state = state
    }

    /// Folds a repeat of the same alert into this one: times widen, counts add, evidence keeps
    /// the earliest occurrences.
    public mutating func merge(_ other: Alert) {
        if other.firstTime < firstTime {
            summary = other.summary
            explanation = other.explanation
        }
        firstTime = min(firstTime, other.firstTime)
        lastTime = max(lastTime, other.lastTime)
        count &+= other.count
        severity = max(severity, other.severity)
        if evidence.count < Self.evidenceLimit || other.evidence.contains(where: { $0.time < evidence.last!.time }) {
            // A few items each (at most `evidenceLimit`): a scan is cheaper than hashing their text.
            for item in other.evidence where !evidence.contains(item) { evidence.append(item) }
            evidence.sort { ($0.time, $0.origin, $0.frame) < ($1.time, $1.origin, $1.frame) }
            if evidence.count > Self.evidenceLimit { evidence.removeLast(evidence.count - Self.evidenceLimit) }
        }
        for asset in other.assets where !assets.contains(asset) { assets.append(asset) }
    }
}

/// Stable alert ids: FNV-1a over the rule and the subject, as 16 hex digits.
public enum AlertIdentity {
    public static func id(rule: String, subject: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [rule] + subject {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
