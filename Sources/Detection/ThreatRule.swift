import AssetInventory
import EventModel
import Monitor

/// What fires a rule's alert.
public enum RuleTrigger: Sendable, Equatable {
    /// Every matching event is an occurrence; occurrences with the same source, destination and
    /// detail merge into one alert with a count.
    case each
    /// At least `threshold` distinct values (`RuleHit.value`) from one group within `windowSeconds`
    /// (a sweep: unit ids, SZL ids, destinations).
    case distinct(threshold: Int, windowSeconds: Int, per: RuleGrouping)
    /// At least `threshold` matching events from one group within `windowSeconds` (a flood).
    case rate(threshold: Int, windowSeconds: Int, per: RuleGrouping)
}

/// Whose occurrences a threshold counts together.
public enum RuleGrouping: String, Sendable, Equatable {
    /// Everything one host sends (sweeps across many destinations).
    case source
    /// One client towards one server.
    case pair
}

/// What a rule is: everything but its matching code. The `id` is public and stable (alert ids,
/// mutes and SIEM mappings refer to it).
public struct RuleDescriptor: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    /// ATT&CK for ICS technique ids; a test checks each against `../shared/data/attack-ics/`.
    public var techniques: [String]
    /// Why it matters, one or two sentences, shown in every alert's explanation.
    public var rationale: String
    /// Protocols whose events the rule looks at (empty: every notable event).
    public var protocols: [ApplicationProtocol]
    public var trigger: RuleTrigger
    /// Sources for which the rule stays quiet (writes from an HMI or an engineering workstation
    /// are the plant's own business; the baseline catches a new one).
    public var trustedSourceRoles: Set<AssetRole>
    /// When set, an established trusted source lowers the alert to this severity instead of
    /// silencing it (what a trusted host does may still be worth a line in the log).
    public var trustedSeverity: Severity? = nil
    /// Quiet when the baseline shows this source doing this operation on this pair.
    public var quietWhenBaselined: Bool
    /// When not empty, the rule fires only for sources with one of these roles.
    public var sourceRoles: Set<AssetRole> = []
    /// When not empty, the rule fires only towards destinations with one of these roles.
    public var destinationRoles: Set<AssetRole> = []
    /// With `destinationRoles`: the rule also fires towards a destination whose subnet (IPv4 /24,
    /// IPv6 /64) holds an asset with one of these roles (a host in the controllers' segment that
    /// the inventory has not classified).
    public var destinationSubnetRoles: Set<AssetRole> = []
    /// Built-in rules are `.rule`; rules read from the plant's YAML files are `.userRule`.
    public var kind: AlertKind = .rule
    /// What a `distinct` trigger's values are, in the plural (`unit ids`).
    public var countedNoun: String
    /// The matched events carry a secret (an SNMP community): the alert keeps their frame, time and
    /// flow as evidence but not their text or target.
    public var withholdsEventText = false

    public init(
        id: String, title: String, severity: Severity, techniques: [String], rationale: String,
        protocols: [ApplicationProtocol] = [], trigger: RuleTrigger = .each, trustedSourceRoles: Set<AssetRole> = [],
        trustedSeverity: Severity? = nil, quietWhenBaselined: Bool = false, countedNoun: String = "values"
    ) {
        self.countedNoun = countedNoun
        self.trustedSeverity = trustedSeverity
        self.id = id
        self.title = title
        self.severity = severity
        self.techniques = techniques
        self.rationale = rationale
        self.protocols = protocols
        self.trigger = trigger
        self.trustedSourceRoles = trustedSourceRoles
        self.quietWhenBaselined = quietWhenBaselined
    }
}

/// A rule's verdict on one event or flow.
public struct RuleHit: Sendable {
    /// Keeps apart alerts of one rule on one pair (a function code, a block number); 0 when one
    /// alert per pair is enough.
    public var detail: Int64
    /// The value a `distinct` trigger counts (a unit id, an SZL id, a port).
    public var value: Int64
    /// A severity other than the rule's (e.g. a stop that the device refused is lower).
    public var severity: Severity?

    public init(detail: Int64 = 0, value: Int64 = 0, severity: Severity? = nil) {
        self.detail = detail
        self.value = value
        self.severity = severity
    }
}

/// A built-in detection rule: one per file under `Rules/`, whose doc comment is its
/// specification. `match` runs on the packet path for every notable event of the rule's
/// protocols, so it must not allocate; the text of an alert is made later, from an `Occurrence`.
public protocol ThreatRule: Sendable {
    var descriptor: RuleDescriptor { get }
    /// Looks at one notable event (identity, write, control, program, firmware, diagnostic,
    /// discovery, malformed or refused).
    func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit?
    /// Looks at a flow when it ends or is reported in parts (port scans, remote-access sessions).
    func match(flow: FlowSummary) -> RuleHit?
    /// Whether `match(flow:)` is worth calling.
    var looksAtFlows: Bool { get }
    /// One sentence for the alert.
    func summary(_ occurrence: Occurrence) -> String
}

extension ThreatRule {
    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }
    public func match(flow: FlowSummary) -> RuleHit? { nil }
    public var looksAtFlows: Bool { false }
    public func summary(_ occurrence: Occurrence) -> String {
        switch descriptor.trigger {
        case .each:
            "\(occurrence.source) sent \(occurrence.action) to \(occurrence.destination)"
        case .distinct(_, let window, _):
            "\(occurrence.source) probed \(occurrence.distinctValues.count) \(occurrence.countedNoun) within \(window) s (\(occurrence.action))"
        case .rate(let threshold, let window, _):
            // The alert's count is the total; a burst's own size is in the explanation.
            "\(occurrence.source) sent \(occurrence.action) at least \(threshold) times within \(window) s"
        }
    }
}

/// An occurrence of a rule, materialised for the alert's text: made once per alert, off the
/// packet path.
public struct Occurrence: Sendable {
    public var source: String
    public var destination: String
    public var protocolName: String
    public var functionName: String
    public var function: Int64?
    /// The event's operation name (`write`), empty for flows.
    public var operation: String
    /// The target in words (`holding registers 0–9 on unit 1`), empty when the PDU has none.
    public var target: String
    public var count: UInt64
    /// For `distinct` triggers: the values counted.
    public var distinctValues: [Int64]
    /// What the distinct values are (`unit ids`, `destinations`), from the rule's hit semantics.
    public var countedNoun: String
    /// The event's sub-function (Modbus diagnostics, UMAS, BACnet device-control parameter), nil
    /// when it has none.
    public var subfunction: Int64? = nil

    public init(
        source: String, destination: String, protocolName: String, functionName: String, function: Int64?,
        operation: String = "", target: String, count: UInt64 = 1, distinctValues: [Int64] = [],
        countedNoun: String = "values"
    ) {
        self.source = source
        self.destination = destination
        self.protocolName = protocolName
        self.functionName = functionName
        self.function = function
        self.operation = operation
        self.target = target
        self.count = count
        self.distinctValues = distinctValues
        self.countedNoun = countedNoun
    }

    /// `S7 PLC Stop (function 0x29, P_PROGRAM)`.
    public var action: String {
        var text = "\(protocolName) \(functionName.isEmpty ? "PDU" : functionName)"
        var details: [String] = []
        if let function { details.append("function \(function)") }
        if !target.isEmpty { details.append(target) }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return text
    }
}
