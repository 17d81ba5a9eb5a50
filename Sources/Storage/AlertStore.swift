/// An alert as the store keeps it (the detection module converts to and from its `Alert`).
/// Lists are kept as lists; `evidenceJSON` is a JSON array the store does not look into.
public struct StoredAlert: Sendable, Equatable {
    public var id: String
    public var firstTime: Int64
    public var lastTime: Int64
    /// `info`, `low`, `medium`, `high` or `critical`.
    public var severity: String
    public var kind: String
    public var rule: String
    public var techniques: [String]
    public var assets: [String]
    public var summary: String
    public var explanation: String
    public var evidenceJSON: String
    public var count: UInt64
    /// `new`, `acknowledged` or `closed`.
    public var state: String
    /// Wall-clock time of the last triage action, and its note.
    public var stateChanged: Int64?
    public var stateNote: String?

    public init(
        id: String, firstTime: Int64, lastTime: Int64, severity: String, kind: String, rule: String,
        techniques: [String], assets: [String], summary: String, explanation: String, evidenceJSON: String,
        count: UInt64, state: String = "new", stateChanged: Int64? = nil, stateNote: String? = nil
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
        self.evidenceJSON = evidenceJSON
        self.count = count
        self.state = state
        self.stateChanged = stateChanged
        self.stateNote = stateNote
    }

    /// Severity names in increasing order (the store filters by rank).
    public static let severities = ["info", "low", "medium", "high", "critical"]
    public static let states = ["new", "acknowledged", "closed"]
}

/// Which alerts to read back.
public struct AlertQuery: Sendable {
    public var since: Int64?
    public var until: Int64?
    public var states: [String]?
    public var minimumSeverity: String?
    public var rule: String?
    /// Alerts that name this asset (id or address).
    public var asset: String?
    public var limit = 1000
    public var offset = 0
    public init() {}
}

/// A mute: alerts of `rule` naming `asset` are kept but not sent to the SIEM until `until`.
public struct AlertMute: Sendable, Equatable {
    public var id: Int64
    public var rule: String
    public var asset: String
    /// Wall-clock ns; nil mutes until removed.
    public var until: Int64?
    public var reason: String
    public var created: Int64
    public var actor: String

    public init(
        id: Int64 = 0, rule: String, asset: String, until: Int64?, reason: String, created: Int64, actor: String
    ) {
        self.id = id
        self.rule = rule
        self.asset = asset
        self.until = until
        self.reason = reason
        self.created = created
        self.actor = actor
    }

    public func covers(rule: String, assets: [String], at now: Int64) -> Bool {
        self.rule == rule && (asset == "*" || assets.contains(asset)) && (until.map { now < $0 } ?? true)
    }
}

/// One line of the audit trail: who did what to which alert, mute or baseline, when.
public struct AuditEntry: Sendable, Equatable {
    public var time: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    public init(time: Int64, actor: String, action: String, subject: String, detail: String) {
        self.time = time
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// Where detection stands on one sensor: learning or monitoring, and how far learning got.
public struct DetectionStatus: Sendable, Equatable {
    /// `learning` or `monitoring`.
    public var mode: String
    public var learningStarted: Int64?
    /// When learning ends at the latest (the configured period).
    public var learningUntil: Int64?
    /// The last time the baseline being learned changed.
    public var lastBaselineChange: Int64?
    /// Entries (assets, pairs, functions) in the baseline.
    public var baselineEntries: Int
    public var baselinePath: String?
    public var updated: Int64

    public init(
        mode: String, learningStarted: Int64? = nil, learningUntil: Int64? = nil, lastBaselineChange: Int64? = nil,
        baselineEntries: Int = 0, baselinePath: String? = nil, updated: Int64
    ) {
        self.mode = mode
        self.learningStarted = learningStarted
        self.learningUntil = learningUntil
        self.lastBaselineChange = lastBaselineChange
        self.baselineEntries = baselineEntries
        self.baselinePath = baselinePath
        self.updated = updated
    }
}

/// Alerts, their triage, mutes and the audit trail.
public protocol AlertStore: AnyObject, Sendable {
    /// Adds alerts seen in `source`'s traffic: a new id is inserted; a known id takes the new
    /// occurrences (`count` is the number of NEW occurrences, times widen, evidence is kept from
    /// the first report) and a closed alert that fires again is new again. Occurrences are kept
    /// per source, so an import done again replaces its share instead of adding to it.
    func recordAlerts(_ alerts: [StoredAlert], source: Int64) throws(StoreError)
    /// Alerts matching `query`, newest activity first.
    func alerts(_ query: AlertQuery) throws(StoreError) -> [StoredAlert]
    func alert(id: String) throws(StoreError) -> StoredAlert?
    /// Alerts by severity and state (for `status` and the console's overview).
    func alertTotals() throws(StoreError) -> [(severity: String, state: String, count: Int)]
    /// Triage: sets the state and records who and why in the audit trail. False when no such alert.
    @discardableResult
    func setAlertState(id: String, state: String, note: String, actor: String) throws(StoreError) -> Bool
    func addMute(_ mute: AlertMute) throws(StoreError) -> Int64
    @discardableResult
    func removeMute(id: Int64, actor: String) throws(StoreError) -> Bool
    /// Mutes still in force at `now` (all when nil).
    func mutes(activeAt now: Int64?) throws(StoreError) -> [AlertMute]
    func recordAudit(_ entry: AuditEntry) throws(StoreError)
    /// The newest entries first.
    func auditTrail(limit: Int) throws(StoreError) -> [AuditEntry]
    func saveDetectionStatus(_ status: DetectionStatus, sensor: String) throws(StoreError)
    func detectionStatus() throws(StoreError) -> [(sensor: String, status: DetectionStatus)]
}
