/// How a requirement fares against what was observed.
public enum ComplianceStatus: String, Sendable {
    /// Traffic shows a weakness against the requirement.
    case gap
    /// Traffic gives evidence for the requirement and shows no weakness against it.
    case evidence
    /// Passive monitoring cannot judge it (or lacks the input to, e.g. no zones configured).
    case notAssessable = "not_assessable"

    public var title: String {
        switch self {
        case .gap: "gap"
        case .evidence: "evidence"
        case .notAssessable: "not assessable from traffic"
        }
    }
}

/// One requirement's verdict with the statements and examples behind it. Statements and
/// examples may hold text from the wire (asset names): renderers escape them.
public struct RequirementFinding: Sendable {
    public var requirement: Requirement
    public var status: ComplianceStatus
    public var statements: [String]
    public var examples: [String]

    public init(requirement: Requirement, status: ComplianceStatus, statements: [String], examples: [String]) {
        self.requirement = requirement
        self.status = status
        self.statements = statements
        self.examples = examples
    }
}

/// The compliance report: the observation scope, then one finding per requirement.
public struct ComplianceReport: Sendable {
    public var scope: ObservationScope
    public var findings: [RequirementFinding]

    public init(scope: ObservationScope, findings: [RequirementFinding]) {
        self.scope = scope
        self.findings = findings
    }

    public func finding(_ id: String) -> RequirementFinding? { findings.first { $0.requirement.id == id } }
}
