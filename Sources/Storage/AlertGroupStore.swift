/// Alerts grouped by rule: what keeps firing, how much of it is open.
public struct AlertGroup: Sendable, Equatable {
    public var rule: String
    /// The highest severity among the group's alerts.
    public var severity: String
    public var alerts: Int
    /// Alerts not closed.
    public var open: Int
    /// Occurrences over all the group's alerts.
    public var occurrences: UInt64
    public var firstTime: Int64
    public var lastTime: Int64

    public init(
        rule: String, severity: String, alerts: Int, open: Int, occurrences: UInt64, firstTime: Int64, lastTime: Int64
    ) {
        self.rule = rule
        self.severity = severity
        self.alerts = alerts
        self.open = open
        self.occurrences = occurrences
        self.firstTime = firstTime
        self.lastTime = lastTime
    }
}

public protocol AlertGroupStore: AnyObject, Sendable {
    /// One group per rule, most severe first, then most open alerts.
    func alertGroups() throws(StoreError) -> [AlertGroup]
}
